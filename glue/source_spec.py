"""A warehouse source's config (sources/<name>.json), validated and typed.

Shared by the transform (glue/warehouse_transform.py) and, through the same JSON file, by the
TypeScript that generates the warehouse SQL: both derive the processed file's columns from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

REASON_COLUMN = "reject_reason"
RAW_COLUMN = "raw_record"
KEY_COLUMN = "record_key"
LINE_TYPE_COLUMN = "line_type"
LOAD_ID_COLUMN = "load_id"
EVENT_DATE_COLUMN = "event_date"

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_TYPES = ("string", "integer", "decimal", "timestamp", "boolean")


class SourceConfigError(ValueError):
    """The source's config cannot drive a transform (a deployment error, not a data problem)."""


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    source: str
    aliases: Tuple[str, ...]
    type: str
    required: bool
    length: int = 256
    precision: int = 18
    scale: int = 2
    formats: Tuple[str, ...] = ()

    @property
    def source_names(self) -> Tuple[str, ...]:
        return (self.source,) + self.aliases


@dataclass(frozen=True)
class SourceSpec:
    name: str
    columns: Tuple[ColumnSpec, ...]
    dedupe_key: Tuple[str, ...]
    # None: the load's date partitions the processed files (a source without a timestamp).
    partition_column: Optional[str]
    cancellation_column: Optional[str]
    cancellation_prefix: Optional[str]
    quantity_column: Optional[str]

    def column(self, name: str) -> ColumnSpec:
        for spec in self.columns:
            if spec.name == name:
                return spec
        raise SourceConfigError(f"{self.name}: no column named {name!r}")


def parse_source(config: Dict[str, Any]) -> SourceSpec:
    """Validates a source config (the JSON under sources/) and returns it typed."""
    name = config.get("name", "")
    if not _IDENTIFIER.match(str(name)):
        raise SourceConfigError(f"source name {name!r} is not a lower-case identifier")
    columns = tuple(_parse_column(name, raw) for raw in config.get("columns", []))
    if not columns:
        raise SourceConfigError(f"{name}: no columns")
    names = [c.name for c in columns]
    if len(set(names)) != len(names):
        raise SourceConfigError(f"{name}: duplicate column names")
    cancellation = config.get("cancellation") or {}
    spec = SourceSpec(
        name=name,
        columns=columns,
        dedupe_key=tuple(config.get("dedupeKey") or names),
        partition_column=config.get("partitionColumn"),
        cancellation_column=cancellation.get("column"),
        cancellation_prefix=cancellation.get("prefix"),
        quantity_column=config.get("quantityColumn"),
    )
    for referenced in spec.dedupe_key:
        spec.column(referenced)
    if spec.partition_column is not None and spec.column(spec.partition_column).type != "timestamp":
        raise SourceConfigError(f"{name}: partition column {spec.partition_column!r} is not a timestamp")
    for optional in (spec.cancellation_column, spec.quantity_column):
        if optional is not None:
            spec.column(optional)
    return spec


def _parse_column(source_name: str, raw: Dict[str, Any]) -> ColumnSpec:
    name = raw.get("name", "")
    if not _IDENTIFIER.match(str(name)):
        raise SourceConfigError(f"{source_name}: column name {name!r} is not a lower-case identifier")
    if raw.get("type") not in _TYPES:
        raise SourceConfigError(f"{source_name}.{name}: type {raw.get('type')!r} is not one of {_TYPES}")
    if raw.get("type") == "timestamp" and not raw.get("formats"):
        raise SourceConfigError(f"{source_name}.{name}: a timestamp needs at least one format")
    return ColumnSpec(
        name=name,
        source=str(raw.get("source", name)),
        aliases=tuple(raw.get("aliases", [])),
        type=raw["type"],
        required=bool(raw.get("required", False)),
        length=int(raw.get("length", 256)),
        precision=int(raw.get("precision", 18)),
        scale=int(raw.get("scale", 2)),
        formats=tuple(raw.get("formats", [])),
    )


def output_columns(spec: SourceSpec) -> List[str]:
    """Columns of the processed Parquet files, in file order (the warehouse staging table's order).

    The partition column (event_date) lives in the path, not in the files, as Redshift's COPY
    reads only what the files hold."""
    return [KEY_COLUMN] + [c.name for c in spec.columns] + [LINE_TYPE_COLUMN, LOAD_ID_COLUMN]
