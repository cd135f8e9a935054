"""Real news through the whole pipeline: every good article of the original seeds and news-dev is
published (none rejected, none quarantined). Skips where ../shared is absent."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_every_real_article_is_published(real_text_run) -> None:
    assert real_text_run.state == "success", real_text_run.task_states
    assert real_text_run.query_published("select count(*) from marts.dim_articles") == [(26,)]
    assert real_text_run.query_published("select count(*) from audit.rejected_articles") == [(0,)]
    assert real_text_run.query_published(
        "select count(*) from audit.quarantined_articles where released_at is null"
    ) == [(0,)]
