"""The BatchWarehouse transform on a local SparkSession: mapping, types, nulls, cancellations,
dedupe and rejects, from gzip JSON lines as StreamIngest archives them. One transform over one
mixed batch feeds most tests (Spark jobs are the slow part); each sample is found by its line."""

import datetime as dt
import json
from decimal import Decimal

import pytest

import samples as s
from source_spec import output_columns
from warehouse_transform import read_raw, transform

BATCH = [
    s.GOOD, s.GOOD, s.GOOD_RESHAPED, s.DRIFTED, s.NO_CUSTOMER, s.BLANK_CUSTOMER, s.CANCELLATION, s.CANCELLATION,
    s.ADJUSTMENT, s.BAD_QUANTITY, s.FRACTIONAL_QUANTITY, s.BAD_DATE, s.MISSING_INVOICE, s.POSITIVE_CANCELLATION,
    s.MALFORMED, s.NOT_AN_OBJECT, s.EVERYTHING_WRONG, s.HUGE_PRICE, s.LONG_CODE, s.NULL_DESCRIPTION,
    s.TEXT_NULL_DESCRIPTION,
]


@pytest.fixture(scope="module")
def batch(spark, spec, tmp_path_factory):
    path = s.write_gzip_lines(tmp_path_factory.mktemp("raw") / "part-0000.json.gz", BATCH)
    result = transform(read_raw(spark, [str(path)]), spec, "jr_test")
    processed = result.processed.collect()
    rejected = {row["raw_record"]: row for row in result.rejected.collect()}
    return result, processed, rejected


def processed_invoice(batch, invoice_no):
    matches = [row for row in batch[1] if row["invoice_no"] == invoice_no]
    assert len(matches) == 1, f"{len(matches)} processed rows for invoice {invoice_no}"
    return matches[0]


def test_a_clean_line_is_mapped_and_typed(batch):
    row = processed_invoice(batch, "536365")
    assert row["stock_code"] == "85123A"
    assert row["quantity"] == 6
    assert row["unit_price"] == Decimal("2.550")
    assert row["invoice_date"] == dt.datetime(2010, 12, 1, 8, 26)
    assert row["customer_id"] == 17850
    assert row["line_type"] == "sale"
    assert row["load_id"] == "jr_test"
    assert row["event_date"] == dt.date(2010, 12, 1)
    assert len(row["record_key"]) == 64


def test_drifted_field_names_and_types_map_onto_the_same_columns(batch):
    row = processed_invoice(batch, "536366")
    assert row["quantity"] == 6  # "6"
    assert row["unit_price"] == Decimal("1.850")  # "Price"
    assert row["customer_id"] == 17850  # "Customer ID": 17850.0 from a float-typed export
    assert row["country"] == "United Kingdom"  # "country", lower case
    assert row["invoice_date"] == dt.datetime(2010, 12, 1, 8, 28)  # ISO 8601 with Z, in UTC
    assert "extra_field" not in row.asDict()


def test_missing_values_stay_null_and_zero_stays_zero(batch):
    no_customer = processed_invoice(batch, "536414")
    assert no_customer["customer_id"] is None  # not "NA"
    assert no_customer["description"] is None
    assert no_customer["unit_price"] == Decimal("0.000")  # a real zero stays a zero
    blank = processed_invoice(batch, "536415")
    assert blank["customer_id"] is None  # blank text is missing, not 0
    assert blank["description"] is None
    assert blank["country"] is None


def test_cancellations_and_negative_quantities_are_labelled_and_kept_as_they_are(batch):
    cancellation = processed_invoice(batch, "C536379")
    assert (cancellation["line_type"], cancellation["quantity"]) == ("cancellation", -1)
    adjustment = processed_invoice(batch, "536589")
    assert (adjustment["line_type"], adjustment["quantity"]) == ("adjustment", -10)


@pytest.mark.parametrize(
    "sample, reason",
    [
        (s.BAD_QUANTITY, "quantity: not a integer: twelve"),
        (s.FRACTIONAL_QUANTITY, "quantity: not a integer: 1.5"),
        (s.BAD_DATE, "invoice_date: not a timestamp: sometime in December"),
        (s.MISSING_INVOICE, "invoice_no: missing"),
        (s.POSITIVE_CANCELLATION, "cancellation with a positive quantity"),
        (s.MALFORMED, "malformed record: not a JSON object"),
        (s.NOT_AN_OBJECT, "malformed record: not a JSON object"),
        (s.HUGE_PRICE, "unit_price: not a decimal: 12345678901.5"),  # too big for DECIMAL(12, 3): not rounded
        (s.LONG_CODE, "stock_code: longer than 32 characters"),
    ],
)
def test_an_untypeable_row_is_rejected_with_its_reason_and_its_line_as_it_came(batch, sample, reason):
    reject = batch[2][sample]
    assert reject["reject_reason"] == reason
    assert reject["load_id"] == "jr_test"


def test_every_problem_of_a_row_is_named(batch):
    reasons = batch[2][s.EVERYTHING_WRONG]["reject_reason"].split("; ")
    assert reasons == [
        "invoice_no: missing",
        "quantity: not a integer: many",
        "invoice_date: not a timestamp: never",
        "unit_price: not a decimal: free",
    ]


def test_nothing_is_lost_rows_in_equal_processed_plus_rejected_plus_duplicates(batch):
    _, processed, rejected = batch
    duplicates = 3  # the second GOOD, GOOD_RESHAPED (same values as GOOD), the second CANCELLATION
    assert len(processed) + len(rejected) + duplicates == len(BATCH)
    assert set(rejected) == {
        s.BAD_QUANTITY, s.FRACTIONAL_QUANTITY, s.BAD_DATE, s.MISSING_INVOICE, s.POSITIVE_CANCELLATION, s.MALFORMED,
        s.NOT_AN_OBJECT, s.EVERYTHING_WRONG, s.HUGE_PRICE, s.LONG_CODE,
    }


def test_a_null_key_part_differs_from_any_text(batch):
    keys = {row["record_key"] for row in batch[1] if row["invoice_no"] == "536373"}
    assert len(keys) == 2  # Description null and Description "\\N" are two records


def test_the_record_key_is_stable_across_runs(spark, spec, batch, tmp_path):
    path = s.write_gzip_lines(tmp_path / "again.json.gz", [s.GOOD_RESHAPED])
    [again] = transform(read_raw(spark, [str(path)]), spec, "jr_other").processed.collect()
    assert again["record_key"] == processed_invoice(batch, "536365")["record_key"]


def test_a_streamingest_envelope_is_read_as_its_event_and_a_reject_keeps_the_whole_line(spark, spec, batch, tmp_path):
    def envelope(event_line: str) -> str:
        return s.line(eventId="e-1", receivedAt="2026-12-01T00:00:00Z", event=json.loads(event_line))

    path = s.write_gzip_lines(tmp_path / "enveloped.json.gz", [envelope(s.GOOD), envelope(s.BAD_QUANTITY)])
    result = transform(read_raw(spark, [str(path)]), spec, "jr_envelope")
    [good] = result.processed.collect()
    [bad] = result.rejected.collect()
    assert good["record_key"] == processed_invoice(batch, "536365")["record_key"]
    assert bad["raw_record"] == envelope(s.BAD_QUANTITY)
    assert bad["reject_reason"] == batch[2][s.BAD_QUANTITY]["reject_reason"]


def test_processed_rows_carry_exactly_the_file_columns_plus_the_partition(spec, batch):
    result = batch[0]
    assert result.processed.columns == output_columns(spec) + ["event_date"]
    assert result.rejected.columns == ["raw_record", "reject_reason", "load_id"]
