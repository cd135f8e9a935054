"""Settings from the environment: an operator's variable wins, an unset one falls back to its default."""

from extract.config import Settings


def test_retry_delay_defaults_to_thirty_seconds_and_follows_its_variable() -> None:
    assert Settings.from_env({}).retry_delay_seconds == 30
    assert Settings.from_env({"NEWSWIRE_RETRY_DELAY_SECONDS": "5"}).retry_delay_seconds == 5
