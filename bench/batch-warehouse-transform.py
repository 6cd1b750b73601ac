"""Transform overhead of the BatchWarehouse job, as a ratio measured in one run.

Baseline: a plain spark.read.json + write.parquet of the same gzip JSON lines. Candidate: the
job's read_raw + transform + write_outputs (mapping, typed casts, rejects, dedupe, partitioned
Parquet). Both on one local SparkSession (local[2]); each is run once to warm up, then timed three
times, the two alternating, and the fastest of each counts (on a shared machine the other load only
ever slows a run down, so the minimum is the least disturbed figure).

    .cache/venv/bin/python bench/batch-warehouse-transform.py [rows]   (default 200000)
"""

import gzip
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "glue"))

from pyspark.sql import SparkSession  # noqa: E402

from source_spec import parse_source  # noqa: E402
from warehouse_transform import read_raw, session_settings, transform, write_outputs  # noqa: E402


def generate(path: Path, rows: int) -> None:
    rng = random.Random(13)
    countries = ["United Kingdom", "France", "Germany", "EIRE", "Spain"]
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for i in range(rows):
            invoice = f"{'C' if i % 50 == 0 else ''}{536365 + i // 8}"
            quantity = -rng.randint(1, 5) if invoice.startswith("C") else rng.randint(1, 24)
            record = {
                "InvoiceNo": invoice,
                "StockCode": f"{rng.randint(10000, 99999)}",
                "Description": "WHITE HANGING HEART T-LIGHT HOLDER" if i % 7 else None,
                "Quantity": quantity if i % 997 else "twelve",
                "InvoiceDate": f"12/{1 + (i // 20000) % 28}/2010 {8 + i % 10}:{i % 60:02d}",
                "UnitPrice": round(rng.uniform(0.1, 20), 2),
                "CustomerID": rng.randint(12346, 18287) if i % 4 else None,
                "Country": countries[i % len(countries)],
            }
            line = json.dumps(record)
            out.write(line + "\n")
            if i % 100 == 0:  # exact duplicates, as the source has them
                out.write(line + "\n")


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    builder = SparkSession.builder.master("local[2]").appName("bench").config("spark.ui.enabled", "false")
    builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    builder = builder.config("spark.sql.shuffle.partitions", "4")
    for key, value in session_settings().items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    spec = parse_source(json.loads((REPO_ROOT / "test" / "fixtures" / "online-retail" / "source-config.json").read_text()))
    work = Path(tempfile.mkdtemp(prefix="bench-warehouse-"))
    try:
        raw = work / "raw.json.gz"
        generate(raw, rows)
        lines = spark.read.text(str(raw)).count()

        def baseline() -> None:
            spark.read.json(str(raw)).write.mode("overwrite").parquet(str(work / "plain"))

        def candidate() -> None:
            result = transform(read_raw(spark, [str(raw)]), spec, "jr_bench")
            write_outputs(result, str(work / "processed"), str(work / "rejected"), spec, "jr_bench")

        baseline(), candidate()  # warm-up: JIT, class loading, file cache
        plain_runs, transform_runs = [], []
        for _ in range(3):
            plain_runs.append(timed(baseline))
            transform_runs.append(timed(candidate))
        plain_s, transform_s = min(plain_runs), min(transform_runs)
        processed = spark.read.parquet(str(work / "processed")).count()
        rejected = spark.read.json(str(work / "rejected")).count()
        print(f"input lines           {lines}")
        print(f"processed / rejected  {processed} / {rejected} (duplicates removed: {lines - processed - rejected})")
        print(f"plain read+write      {lines / plain_s:,.0f} rows/s ({plain_s:.2f} s)")
        print(f"transform+write       {lines / transform_s:,.0f} rows/s ({transform_s:.2f} s)")
        print(f"ratio (transform/plain throughput) {plain_s / transform_s:.2f}")
        print(f"all runs (s)          plain {', '.join(f'{t:.2f}' for t in plain_runs)}; transform {', '.join(f'{t:.2f}' for t in transform_runs)}")
    finally:
        spark.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
