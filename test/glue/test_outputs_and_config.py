"""What the job leaves in S3 (Parquet partitioned by date, rejects as JSON lines, one prefix per
load) and how a bad source config is refused before any data is touched."""

import copy
import datetime as dt

import pytest

import samples as s
from source_spec import SourceConfigError, output_columns, parse_source
from pyspark.sql import types as T
from warehouse_transform import load_id_problem, raw_lines, read_raw, transform, write_outputs


def write(spark, spec, tmp_path, lines, load_id):
    raw = s.write_gzip_lines(tmp_path / "raw" / f"{load_id}.json.gz", lines)
    result = transform(read_raw(spark, [str(raw)]), spec, load_id)
    write_outputs(result, str(tmp_path / "processed"), str(tmp_path / "rejected"), spec, load_id)


def test_processed_parquet_is_partitioned_by_event_date_under_its_load(spark, spec, tmp_path):
    late = s.line(InvoiceNo="536999", StockCode="1", Quantity=1, InvoiceDate="12/2/2010 9:00", UnitPrice=1)
    write(spark, spec, tmp_path, [s.GOOD, late, s.BAD_DATE], "jr_a")
    load_dir = tmp_path / "processed" / "online_retail" / "load_id=jr_a"
    assert sorted(p.name for p in load_dir.glob("event_date=*")) == ["event_date=2010-12-01", "event_date=2010-12-02"]
    files = spark.read.parquet(str(next(load_dir.glob("event_date=2010-12-01")) / "*.parquet"))
    assert files.columns == output_columns(spec)  # file order: what the staging table's COPY expects
    assert dict(files.dtypes)["invoice_date"] == "timestamp"
    assert dict(files.dtypes)["unit_price"] == "decimal(12,3)"
    assert files.collect()[0]["invoice_date"] == dt.datetime(2010, 12, 1, 8, 26)
    rejects = spark.read.json(str(tmp_path / "rejected" / "online_retail" / "load_id=jr_a"))
    assert [r["reject_reason"] for r in rejects.collect()] == ["invoice_date: not a timestamp: sometime in December"]


def test_a_source_without_a_partition_column_is_partitioned_by_the_load_date(spark, source_config, tmp_path):
    undated = copy.deepcopy(source_config)
    undated.pop("partitionColumn")
    spec = parse_source(undated)
    assert spec.partition_column is None
    write(spark, spec, tmp_path, [s.GOOD], "jr_u")
    load_dir = tmp_path / "processed" / "online_retail" / "load_id=jr_u"
    assert [p.name for p in load_dir.glob("event_date=*")] == [f"event_date={dt.date.today().isoformat()}"]


def test_a_rerun_of_a_load_replaces_its_own_files_and_leaves_other_loads_alone(spark, spec, tmp_path):
    write(spark, spec, tmp_path, [s.GOOD], "jr_a")
    write(spark, spec, tmp_path, [s.DRIFTED], "jr_b")
    write(spark, spec, tmp_path, [s.GOOD], "jr_a")
    root = tmp_path / "processed" / "online_retail"
    assert spark.read.parquet(str(root / "load_id=jr_a")).count() == 1
    assert spark.read.parquet(str(root / "load_id=jr_b")).count() == 1


def test_a_run_with_no_new_files_is_an_empty_run_with_no_parquet_and_no_error(spark, spec, tmp_path):
    # A bookmarked Glue read with no new files: a frame with no columns and no rows.
    nothing = spark.createDataFrame([], T.StructType([]))
    lines = raw_lines(nothing)
    assert lines.columns == ["value"]
    result = transform(lines, spec, "jr_empty")
    assert (result.processed.count(), result.rejected.count()) == (0, 0)
    write_outputs(result, str(tmp_path / "processed"), str(tmp_path / "rejected"), spec, "jr_empty")
    load_dir = tmp_path / "processed" / "online_retail" / "load_id=jr_empty"
    # What the runner's load looks for before it COPYs: no Parquet file under the load's prefix.
    assert list(load_dir.rglob("*.parquet")) == []


def test_records_of_a_read_become_json_lines_the_transform_takes(spark, spec):
    records = spark.createDataFrame([("536365", "6")], ["InvoiceNo", "Quantity"])
    assert [r["value"] for r in raw_lines(records).collect()] == ['{"InvoiceNo":"536365","Quantity":"6"}']


@pytest.mark.parametrize("load_id", ["jr_ok'; DROP TABLE x; --", "a/b", "", "x" * 129])
def test_a_load_id_that_could_escape_its_prefix_or_its_sql_literal_is_refused(spark, spec, tmp_path, load_id):
    assert load_id_problem(load_id) is not None
    result = transform(read_raw(spark, [str(s.write_gzip_lines(tmp_path / "r.json.gz", [s.GOOD]))]), spec, "x")
    with pytest.raises(SourceConfigError):
        write_outputs(result, str(tmp_path / "p"), str(tmp_path / "r"), spec, load_id)
    assert not (tmp_path / "p").exists()


def test_glue_run_ids_are_valid_load_ids():
    assert load_id_problem("jr_" + "0123456789abcdef" * 4) is None


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda c: c.update(name="Online-Retail"), "not a lower-case identifier"),
        (lambda c: c["columns"][0].update(name='x"; drop'), "not a lower-case identifier"),
        (lambda c: c["columns"][3].update(type="money"), "is not one of"),
        (lambda c: c["columns"][4].pop("formats"), "needs at least one format"),
        (lambda c: c.update(dedupeKey=["nope"]), "no column named 'nope'"),
        (lambda c: c.update(partitionColumn="quantity"), "is not a timestamp"),
        (lambda c: c["columns"].append(dict(c["columns"][0])), "duplicate column names"),
    ],
)
def test_a_bad_source_config_is_refused_with_the_reason(source_config, change, message):
    broken = copy.deepcopy(source_config)
    change(broken)
    with pytest.raises(SourceConfigError, match=message):
        parse_source(broken)
