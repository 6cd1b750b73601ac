"""Pure DataFrame functions of the BatchWarehouse job: raw source rows in, typed rows and rejects out.

No Glue import here: the Glue shell (batch_warehouse_job.py) reads and writes, these functions
only transform, so they run on any SparkSession. The source's config (sources/<name>.json)
drives every step: which raw fields feed which column, each column's type, which columns must
be present, how cancellations are recognised and which columns form the dedupe key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

from source_spec import (
    EVENT_DATE_COLUMN,
    KEY_COLUMN,
    LINE_TYPE_COLUMN,
    LOAD_ID_COLUMN,
    RAW_COLUMN,
    REASON_COLUMN,
    ColumnSpec,
    SourceConfigError,
    SourceSpec,
    output_columns,
)

from pyspark import StorageLevel
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

_TEXT_MAP = T.MapType(T.StringType(), T.StringType())


def _field_value(names: Column, values: Column, spec: ColumnSpec) -> Column:
    """The column's value: its source field or the first alias present, field names matched
    case-insensitively, as trimmed text; blank text counts as missing (null), never as a value.

    `names` are the row's field names in lower case, `values` their values, in the same order:
    the first field of a name wins, as in the raw line."""
    candidates = [F.get(values, F.array_position(names, name.lower()) - 1) for name in spec.source_names]
    value = F.trim(F.coalesce(*candidates) if len(candidates) > 1 else candidates[0])
    return F.when(value != "", value)


def _raw_name(spec: ColumnSpec) -> str:
    return f"__raw_{spec.name}"


def _typed(spec: ColumnSpec) -> Column:
    """The typed value of the column's raw text, or null when the text does not fit the type.

    try_cast/try_to_timestamp are null on bad input under ANSI and non-ANSI settings alike: no
    silent truncation ("12.5" is not the integer 12) and no rounding of an oversized decimal."""
    raw = f"`{_raw_name(spec)}`"
    if spec.type == "string":
        return F.col(raw)
    if spec.type == "integer":
        # Through DECIMAL so "17850.0" (a float-typed export) is 17850, while "12.5" is untypeable.
        as_decimal = F.expr(f"try_cast({raw} AS DECIMAL(38, 6))")
        return F.when(as_decimal == F.floor(as_decimal), as_decimal.cast("bigint"))
    if spec.type == "decimal":
        return F.expr(f"try_cast({raw} AS DECIMAL({spec.precision}, {spec.scale}))")
    if spec.type == "boolean":
        lowered = F.lower(F.col(raw))
        return F.when(lowered.isin("true", "1", "yes"), F.lit(True)).when(lowered.isin("false", "0", "no"), F.lit(False))
    parsed = [F.try_to_timestamp(F.col(raw), F.lit(fmt)) for fmt in spec.formats]
    return F.coalesce(*parsed) if len(parsed) > 1 else parsed[0]


def _problems(spec: SourceSpec) -> Column:
    """Every reason a row cannot be typed, joined by "; " (empty when the row is good)."""
    checks: List[Column] = []
    for column in spec.columns:
        raw = F.col(f"`{_raw_name(column)}`")
        typed = F.col(column.name)
        if column.required:
            checks.append(F.when(raw.isNull(), F.lit(f"{column.name}: missing")))
        if column.type != "string":
            checks.append(F.when(raw.isNotNull() & typed.isNull(), F.concat(F.lit(f"{column.name}: not a {column.type}: "), raw)))
        else:
            checks.append(F.when(F.length(raw) > column.length, F.lit(f"{column.name}: longer than {column.length} characters")))
    if spec.cancellation_column and spec.quantity_column and spec.cancellation_prefix:
        cancelled = F.col(spec.cancellation_column).startswith(spec.cancellation_prefix)
        checks.append(F.when(cancelled & (F.col(spec.quantity_column) > 0), F.lit("cancellation with a positive quantity")))
    return F.concat_ws("; ", *checks)


def _line_type(spec: SourceSpec) -> Column:
    """sale, cancellation (invoice number with the cancellation prefix) or adjustment (a negative
    quantity on an ordinary invoice): kept and labelled, never dropped or sign-flipped."""
    line = F.lit("sale")
    if spec.quantity_column:
        line = F.when(F.col(spec.quantity_column) < 0, F.lit("adjustment")).otherwise(line)
    if spec.cancellation_column and spec.cancellation_prefix:
        line = F.when(F.col(spec.cancellation_column).startswith(spec.cancellation_prefix), F.lit("cancellation")).otherwise(line)
    return line


def _record_key(spec: SourceSpec) -> Column:
    """SHA-256 of the dedupe key's typed values. Nulls are encoded apart from any value (a null
    customer id never collides with the text "NA"), and each part is length-prefixed so ("ab", "c")
    and ("a", "bc") differ."""
    parts = []
    for name in spec.dedupe_key:
        text = F.col(name).cast("string")
        if spec.column(name).type == "timestamp":
            text = F.date_format(F.col(name), "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
        parts.append(F.when(text.isNull(), F.lit("\\N")).otherwise(F.concat(F.length(text).cast("string"), F.lit(":"), text)))
    return F.sha2(F.concat_ws("|", *parts), 256)


@dataclass(frozen=True)
class TransformResult:
    processed: DataFrame
    rejected: DataFrame
    # The persisted typed rows both outputs derive from; release() frees them.
    typed: DataFrame

    def release(self) -> None:
        self.typed.unpersist()


def _event_fields(fields: Column) -> Column:
    """StreamIngest archives each event inside an envelope, {"eventId", "receivedAt", "event"}: of
    such a line, the event's fields. Of any other line, its own fields."""
    event = fields.getItem("event")
    enveloped = fields.getItem("eventId").isNotNull() & fields.getItem("receivedAt").isNotNull() & event.startswith("{")
    return F.when(enveloped, F.from_json(event, _TEXT_MAP, {"mode": "PERMISSIVE"})).otherwise(fields)


def transform(raw: DataFrame, spec: SourceSpec, load_id: str) -> TransformResult:
    """Maps raw rows onto the source's columns, types them, labels cancellations and adjustments,
    removes duplicates by the stable key and splits off the rows that cannot be typed.

    `raw` has one string column, `value`: one JSON object per row (a line of the raw archive; of a
    StreamIngest envelope, its event is read, and a reject keeps the whole line).
    Parsing it as a map of text values makes type drift between files harmless (6 and "6" are
    both "6") and lets field names match case-insensitively; a line that is not a JSON object is
    rejected, never lost. `processed` has output_columns(spec) plus event_date (the partition
    column); `rejected` has raw_record (the line as it came), reject_reason and load_id."""
    line_fields = F.from_json(F.col("value"), _TEXT_MAP, {"mode": "PERMISSIVE"})
    parsed = raw.select(F.col("value").alias(RAW_COLUMN), line_fields.alias("__line_fields"))
    fields = parsed.select(F.col(RAW_COLUMN), _event_fields(F.col("__line_fields")).alias("__fields"))
    # Names lower-cased once per row; each column then finds its field by position, no lambda per alias.
    named = fields.select(
        F.col(RAW_COLUMN),
        F.col("__fields"),
        F.transform(F.map_keys("__fields"), F.lower).alias("__names"),
        F.map_values("__fields").alias("__values"),
    )
    staged = named.select(
        F.col(RAW_COLUMN),
        F.col("__fields").isNull().alias("__malformed"),
        *[_field_value(F.col("__names"), F.col("__values"), c).alias(_raw_name(c)) for c in spec.columns],
    )
    typed = staged.select("*", *[_typed(c).alias(c.name) for c in spec.columns])
    checked = typed.withColumn(
        REASON_COLUMN, F.when(F.col("__malformed"), F.lit("malformed record: not a JSON object")).otherwise(_problems(spec))
    )
    # Kept once per row: without this the filters below would have Spark push the whole reason
    # expression (every cast, every field lookup) into a predicate and evaluate it again and again,
    # and each of the two outputs would re-read and re-type the input.
    checked = checked.persist(StorageLevel.MEMORY_AND_DISK)
    good = checked.where(F.col(REASON_COLUMN) == "")
    labelled = good.select(
        _record_key(spec).alias(KEY_COLUMN),
        *[F.col(c.name) for c in spec.columns],
        _line_type(spec).alias(LINE_TYPE_COLUMN),
        F.lit(load_id).alias(LOAD_ID_COLUMN),
        (F.to_date(F.col(spec.partition_column)) if spec.partition_column else F.current_date()).alias(EVENT_DATE_COLUMN),
    )
    # Exact repeats (same key) collapse to one row; which copy survives does not matter because
    # every copy has the same key values, and the key covers the business columns.
    processed = labelled.dropDuplicates([KEY_COLUMN])
    rejected = checked.where(F.col(REASON_COLUMN) != "").select(
        F.col(RAW_COLUMN), F.col(REASON_COLUMN), F.lit(load_id).alias(LOAD_ID_COLUMN)
    )
    return TransformResult(processed=processed, rejected=rejected, typed=checked)


def load_id_problem(load_id: str) -> Optional[str]:
    """Load ids name output prefixes and reach SQL text: Glue job run ids (jr_<hex>) or plain tokens only."""
    if not re.match(r"^[A-Za-z0-9_-]{1,128}$", load_id):
        return f"load id {load_id!r} must be 1-128 letters, digits, '_' or '-'"
    return None


def processed_path(root: str, spec: SourceSpec, load_id: str) -> str:
    return f"{root.rstrip('/')}/{spec.name}/load_id={load_id}/"


def rejected_path(root: str, spec: SourceSpec, load_id: str) -> str:
    return f"{root.rstrip('/')}/{spec.name}/load_id={load_id}/"


def write_outputs(result: TransformResult, processed_root: str, rejected_root: str, spec: SourceSpec, load_id: str) -> None:
    """Parquet partitioned by event date under processed/, rejects as JSON lines under rejected/.

    Each load writes its own load_id= prefix and overwrites only that (a re-run of the same load
    replaces its own files, never another load's). Timestamps as TIMESTAMP_MICROS, which
    Redshift's COPY reads into TIMESTAMP."""
    problem = load_id_problem(load_id)
    if problem:
        raise SourceConfigError(problem)
    session = result.processed.sparkSession
    session.conf.set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
    (
        result.processed.select(*output_columns(spec), EVENT_DATE_COLUMN)
        .write.mode("overwrite")
        .partitionBy(EVENT_DATE_COLUMN)
        .parquet(processed_path(processed_root, spec, load_id))
    )
    result.rejected.write.mode("overwrite").json(rejected_path(rejected_root, spec, load_id))
    result.release()


def session_settings() -> Dict[str, str]:
    """Spark settings the transform relies on, applied by the Glue shell and by the tests alike."""
    return {
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.legacy.timeParserPolicy": "CORRECTED",
    }


def raw_lines(records: DataFrame) -> DataFrame:
    """Each record of a read (any columns) as one JSON object in `value`, the column transform() takes.

    A bookmarked read with no new files gives a frame with no columns at all; that is an empty
    run, not an error: zero lines, so zero processed rows and zero rejects."""
    if not records.columns:
        return records.sparkSession.createDataFrame([], T.StructType([T.StructField("value", T.StringType())]))
    return records.select(F.to_json(F.struct("*")).alias("value"))


def read_raw(session: Any, paths: Sequence[str]) -> DataFrame:
    """Raw JSON lines (gzip or plain) as the `value` column transform() takes: text, unparsed."""
    return session.read.text(list(paths)).where(F.trim(F.col("value")) != "")
