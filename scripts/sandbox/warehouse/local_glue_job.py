"""The BatchWarehouse Glue job's work on a local SparkSession, for the sandbox.

What batch_warehouse_job.py does in Glue, without Glue's libraries: read the raw lines, transform()
them, write_outputs() Parquet and rejects, then read the Parquet back (what Redshift's COPY would
read) and write its rows as JSON lines for the load. Prints one JSON summary line on stdout.

    python local_glue_job.py <source_config.json> <raw_dir> <out_dir> <load_id>
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "glue"))

from pyspark.sql import SparkSession  # noqa: E402

from source_spec import output_columns, parse_source  # noqa: E402
from warehouse_transform import processed_path, read_raw, session_settings, transform, write_outputs  # noqa: E402


def main(config_path: str, raw_dir: str, out_dir: str, load_id: str) -> None:
    spec = parse_source(json.loads(Path(config_path).read_text(encoding="utf-8")))
    builder = SparkSession.builder.master("local[1]").appName("sandbox-warehouse").config("spark.ui.enabled", "false")
    session = builder.config("spark.sql.shuffle.partitions", "2").getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    for key, value in session_settings().items():
        session.conf.set(key, value)
    processed_root = f"{out_dir}/processed"
    rejected_root = f"{out_dir}/rejected"
    raw_files = sorted(str(p) for p in Path(raw_dir).rglob("*") if p.is_file())
    if not raw_files:
        raise SystemExit(f"no raw files under {raw_dir}")
    result = transform(read_raw(session, raw_files), spec, load_id=load_id)
    write_outputs(result, processed_root, rejected_root, spec, load_id=load_id)
    loaded = session.read.parquet(processed_path(processed_root, spec, load_id)).select(*output_columns(spec))
    rows = [json.loads(line) for line in loaded.toJSON().collect()]
    rejected = session.read.text(f"{rejected_root}/{spec.name}/load_id={load_id}/").count()
    with open(f"{out_dir}/rows.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    print(json.dumps({"rawFiles": len(raw_files), "processed": len(rows), "rejected": rejected}))
    session.stop()


if __name__ == "__main__":
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
