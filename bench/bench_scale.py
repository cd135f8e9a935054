"""Scale benchmark: the whole DAG on N generated articles, then an incremental run of a few more.

Prints figures and writes them as JSON; asserts nothing. Usage:

    .venv/bin/python bench/bench_scale.py --articles 1000 5000 10000 --incremental 10 \
        [--out bench/results/scale.json] [--workdir /tmp/newswire-scale]

Articles are generated, not copied: each takes 4-8 paragraphs drawn from different real
reports (``../shared/corpora/news-dev``, read at run time, never stored in the project;
``seeds/`` when that is absent), opened by a lede of invented people, organisations, places
and dates, with its own publication date. So names, events and dates keep growing with N,
as they do in a real feed, instead of the same text repeated.

For each N the DAG runs with ``airflow dags test`` into a fresh warehouse (as ``make run``
does); per-task seconds come from Airflow's own task records, the dbt models' seconds from
dbt's ``run_results.json``, peak memory from the largest child process. Then
``--incremental`` new articles are added to the same folder and the DAG runs again: the
figure a newsroom re-running all day pays. Bare spaCy (``nlp.pipe`` with the same model,
batch size and process count) is timed on a sample of the same texts, the floor the tag
stage is compared with.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from evaluation.pipeline_run import dags_test_command
from extract.config import PROJECT_ROOT, Settings

ROOT = Path(__file__).resolve().parents[1]

REAL_TEXT = PROJECT_ROOT.parent / "shared" / "corpora" / "news-dev" / "articles"
FIRST = ["Ana", "Tomas", "Leila", "Marek", "Ines", "Kofi", "Yuki", "Pavel", "Sara", "Diego", "Nora", "Ravi",
         "Elif", "Jonas", "Mina", "Oskar", "Lucia", "Emeka", "Hana", "Viktor", "Amara", "Felix", "Zara", "Ivo"]
LAST = ["Kovac", "Lindqvist", "Okafor", "Brandt", "Moreau", "Sato", "Novak", "Haddad", "Petrov", "Alves",
        "Kimura", "Duarte", "Weiss", "Nyberg", "Castell", "Varga", "Osei", "Rahman", "Falk", "Ibarra"]
ORG_HEADS = ["Norland", "Vestria", "Calder", "Ostmark", "Brightwater", "Sundal", "Eastgate", "Marlow", "Tarvik"]
ORG_TAILS = ["Shipping", "Energy Group", "Workers Union", "Central Bank", "Telecom", "Ministry of Trade",
             "Airlines", "Mining Corporation", "Football Club", "Space Agency"]
PLACES = ["Vienna", "Lisbon", "Nairobi", "Oslo", "Seoul", "Lima", "Accra", "Hanoi", "Tbilisi", "Montreal",
          "Valletta", "Bergen", "Porto", "Cebu", "Tallinn", "Rabat"]
EVENTS = ["meet", "hold talks", "sign the agreement", "hold a vote on the plan", "announce its results",
          "hold a news conference", "launch the service"]
WHEN = ["on Monday", "on Thursday", "next week", "later this month", "on {day}", "in {month}", "tomorrow"]
LEDE = ("{first} {last}, chief executive of {org1}, said {said} that {org1} and {org2} would {event} in "
        "{place} {when}, {first2} {last2} of {org2} told reporters.")


def paragraphs(folder: Path) -> list[str]:
    """Body paragraphs of the real reports (the dated first line is left out)."""
    found: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n\n")
        found.extend(p.strip() for p in lines[1:] if len(p.split()) >= 12)
    return found


def generate(folder: Path, count: int, start: int, pool: list[str], rng: random.Random) -> int:
    """Write articles numbered start..start+count-1 into folder; returns their word count."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for number in range(start, start + count):
        published = date(2023, 1, 2) + timedelta(days=rng.randrange(0, 1000))
        later = published + timedelta(days=rng.randrange(3, 60))
        lede = LEDE.format(
            first=rng.choice(FIRST), last=rng.choice(LAST) + rng.choice(["", "a", "en", "ski", "ić"]),
            first2=rng.choice(FIRST), last2=rng.choice(LAST),
            org1=f"{rng.choice(ORG_HEADS)} {rng.choice(ORG_TAILS)}", org2=f"{rng.choice(ORG_HEADS)} {rng.choice(ORG_TAILS)}",
            said=rng.choice(["on Monday", "on Tuesday", "on Friday", "today"]), event=rng.choice(EVENTS),
            place=rng.choice(PLACES),
            when=rng.choice(WHEN).format(day=f"{later:%B} {later.day}", month=f"{later:%B}"),
        )
        body = rng.sample(pool, k=min(len(pool), rng.randint(4, 8)))
        footer = f"(Generated report no. {number:06d}.)"  # zero-padded: never read as a year
        text = f" date {published:%Y-%m-%d} {lede}\n\n" + "\n\n".join(body) + f"\n\n{footer}\n"
        words += len(text.split())
        (folder / f"generated_{number:06d}.txt").write_text(text, encoding="utf-8")
    return words


def run_dag(input_dir: Path, warehouse: Path, log_file: Path) -> dict:
    """One ``airflow dags test`` run; returns wall seconds, per-task seconds and the child's peak RSS."""
    command, env = dags_test_command(input_dir, warehouse)
    # A small wrapper process runs the DAG, so its peak memory (the largest process below it) is this run's alone.
    wrapper = (
        "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
        "print(f'PEAK_RSS_KB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}', flush=True); sys.exit(code)"
    )
    started = time.perf_counter()
    with log_file.open("w") as out:
        done = subprocess.run([sys.executable, "-c", wrapper, *command], env=env, stdout=out,
                              stderr=subprocess.STDOUT, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"the DAG run failed; see {log_file}")
    peak_kb = int(log_file.read_text(errors="replace").rsplit("PEAK_RSS_KB ", 1)[1].split()[0])
    tasks = task_seconds(Path(env["AIRFLOW_HOME"]) / "airflow.db")
    return {
        "wall_s": round(wall, 1),
        "tasks_s": tasks,
        "task_total_s": round(sum(tasks.values()), 1),
        "airflow_overhead_s": round(wall - sum(tasks.values()), 1),
        "peak_rss_mb": round(peak_kb / 1024),
        "dbt_models_s": dbt_model_seconds(warehouse.parent / "dbt_target" / "run_results.json"),
    }


def task_seconds(airflow_db: Path) -> dict[str, float]:
    """Durations of the latest newswire_etl run's stages, from Airflow's metadata database
    (a mapped task's instances, one per batch, are added up, and so are a dbt layer's tasks:
    its producer's ``dbt build`` and the model tasks reporting on it)."""
    with sqlite3.connect(airflow_db) as db:
        (run_id,) = db.execute(
            "select run_id from dag_run where dag_id = 'newswire_etl' order by start_date desc limit 1"
        ).fetchone()
        rows = db.execute(
            "select task_id, duration from task_instance where dag_id = 'newswire_etl' and run_id = ?", (run_id,)
        ).fetchall()
    totals: dict[str, float] = {}
    for task, seconds in rows:
        stage = task.split(".")[0]  # dbt_marts.fct_mentions.run -> dbt_marts
        totals[stage] = totals.get(stage, 0.0) + (seconds or 0.0)
    return {task: round(seconds, 1) for task, seconds in totals.items()}


def dbt_model_seconds(results: Path) -> dict[str, float]:
    """Seconds of the slowest models of the last dbt build (the marts layer)."""
    if not results.exists():
        return {}
    nodes = json.loads(results.read_text())["results"]
    models = [(r["unique_id"].split(".")[-1], r["execution_time"]) for r in nodes if r["unique_id"].startswith("model.")]
    return {name: round(seconds, 1) for name, seconds in sorted(models, key=lambda m: -m[1])[:5]}


def bare_spacy_words_per_second(folder: Path, sample: int) -> float:
    """Bare ``nlp.pipe`` on a sample of the same texts, with the tag stage's model, batch size and processes."""
    import spacy

    settings = Settings.from_env()
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:sample]]
    nlp = spacy.load(settings.spacy_model)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.spacy_batch_size, n_process=settings.spacy_processes):
        pass
    return sum(len(t.split()) for t in texts) / (time.perf_counter() - started)


def measure(size: int, incremental: int, workdir: Path, pool: list[str], sample: int) -> dict:
    rng = random.Random(size)
    folder = workdir / f"n{size}" / "articles"
    warehouse = workdir / f"n{size}" / "warehouse" / "newswire.duckdb"
    if folder.parent.exists():
        subprocess.run(["rm", "-rf", str(folder.parent)], check=True)
    words = generate(folder, size, 0, pool, rng)
    print(f"N={size}: {size} articles, {words} words generated; running the DAG…", flush=True)
    first = run_dag(folder, warehouse, folder.parent / "first_run.log")
    first["articles"], first["words"] = size, words
    first["working_file_mb"] = round(warehouse.stat().st_size / 2**20, 1)
    first["published_file_mb"] = round((warehouse.parent / "published" / warehouse.name).stat().st_size / 2**20, 1)
    tag_s = first["tasks_s"].get("tag", 0.0)
    first["tag_words_per_s"] = round(words / tag_s) if tag_s else None
    bare = bare_spacy_words_per_second(folder, sample)
    first["bare_spacy_words_per_s"] = round(bare)
    first["tag_vs_bare_spacy"] = round(first["tag_words_per_s"] / bare, 2) if first["tag_words_per_s"] else None
    report(f"N={size}", first)
    result = {"first_run": first}
    if incremental:
        added = generate(folder, incremental, size, pool, rng)
        again = run_dag(folder, warehouse, folder.parent / "incremental_run.log")
        again["articles"], again["words"] = incremental, added
        report(f"N={size} +{incremental}", again)
        result["incremental_run"] = again
    return result


def report(label: str, run: dict) -> None:
    tasks = ", ".join(f"{task} {seconds}" for task, seconds in run["tasks_s"].items())
    print(f"{label}: wall {run['wall_s']} s (tasks {run['task_total_s']} s, Airflow {run['airflow_overhead_s']} s), "
          f"peak RSS {run['peak_rss_mb']} MB\n  tasks: {tasks}\n  slowest dbt models: {run['dbt_models_s']}")
    if "tag_vs_bare_spacy" in run:
        print(f"  tag {run['tag_words_per_s']} words/s vs bare spaCy {run['bare_spacy_words_per_s']} words/s "
              f"({run['tag_vs_bare_spacy']}x); working file {run['working_file_mb']} MB, "
              f"published {run['published_file_mb']} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--incremental", type=int, default=10)
    parser.add_argument("--sample", type=int, default=300, help="articles timed with bare spaCy")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newswire-scale"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scale.json")
    args = parser.parse_args()
    pool = paragraphs(REAL_TEXT if REAL_TEXT.is_dir() else PROJECT_ROOT / "seeds")
    settings = Settings.from_env()
    results = {
        "machine": f"{os.cpu_count()} cores",
        "settings": {"spacy_processes": settings.spacy_processes, "spacy_batch_size": settings.spacy_batch_size,
                     "tag_batch_articles": settings.tag_batch_articles, "executor": "airflow dags test"},
        "runs": {},
    }
    for size in args.articles:
        results["runs"][str(size)] = measure(size, args.incremental, args.workdir, pool, args.sample)
        args.out.write_text(json.dumps(results, indent=2) + "\n")
    sizes = sorted(int(s) for s in results["runs"])
    if len(sizes) > 1:
        low, high = (results["runs"][str(s)]["first_run"]["tasks_s"].get("dbt_marts", 0) for s in (sizes[0], sizes[-1]))
        ratio = round(high / low, 1) if low else None
        results["dbt_marts_growth"] = {"from": sizes[0], "to": sizes[-1], "ratio": ratio, "articles_ratio": sizes[-1] / sizes[0]}
        print(f"dbt_marts grows {ratio}x from {sizes[0]} to {sizes[-1]} articles ({sizes[-1] / sizes[0]:.0f}x the articles)")
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
