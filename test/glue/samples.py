"""Raw event samples in the shapes StreamIngest archives (one JSON object per line) and the shapes
real exports drift into."""

import gzip
import json
from pathlib import Path
from typing import Iterable, List


def line(**fields) -> str:
    return json.dumps(fields)


GOOD = line(
    InvoiceNo="536365", StockCode="85123A", Description="WHITE HANGING HEART T-LIGHT HOLDER", Quantity=6,
    InvoiceDate="12/1/2010 8:26", UnitPrice=2.55, CustomerID=17850, Country="United Kingdom",
)
# Same line exported by a tool that types CustomerID as a float and the date as ISO 8601.
DRIFTED = line(
    Invoice="536366", StockCode="22633", Description="HAND WARMER UNION JACK", Quantity="6",
    InvoiceDate="2010-12-01T08:28:00Z", Price="1.85", **{"Customer ID": 17850.0}, country="United Kingdom",
    extra_field="ignored",
)
NO_CUSTOMER = line(
    InvoiceNo="536414", StockCode="22139", Description=None, Quantity=56,
    InvoiceDate="12/1/2010 11:52", UnitPrice=0, CustomerID=None, Country="United Kingdom",
)
BLANK_CUSTOMER = line(
    InvoiceNo="536415", StockCode="22140", Description="", Quantity=1,
    InvoiceDate="12/1/2010 11:53", UnitPrice="0.85", CustomerID="  ", Country=None,
)
CANCELLATION = line(
    InvoiceNo="C536379", StockCode="D", Description="Discount", Quantity=-1,
    InvoiceDate="12/1/2010 9:41", UnitPrice=27.5, CustomerID=14527, Country="United Kingdom",
)
ADJUSTMENT = line(
    InvoiceNo="536589", StockCode="21777", Description="damaged", Quantity=-10,
    InvoiceDate="12/1/2010 16:50", UnitPrice=0, CustomerID=None, Country="United Kingdom",
)
BAD_QUANTITY = line(
    InvoiceNo="536367", StockCode="84879", Description="ASSORTED COLOUR BIRD ORNAMENT", Quantity="twelve",
    InvoiceDate="12/1/2010 8:34", UnitPrice=1.69, CustomerID=13047, Country="United Kingdom",
)
FRACTIONAL_QUANTITY = line(
    InvoiceNo="536368", StockCode="22960", Description="JAM MAKING SET WITH JARS", Quantity=1.5,
    InvoiceDate="12/1/2010 8:34", UnitPrice=4.25, CustomerID=13047, Country="United Kingdom",
)
BAD_DATE = line(
    InvoiceNo="536369", StockCode="21756", Description="BATH BUILDING BLOCK WORD", Quantity=3,
    InvoiceDate="sometime in December", UnitPrice=5.95, CustomerID=13047, Country="United Kingdom",
)
MISSING_INVOICE = line(
    StockCode="21754", Description="HOME BUILDING BLOCK WORD", Quantity=3,
    InvoiceDate="12/1/2010 8:35", UnitPrice=5.95, CustomerID=13047, Country="United Kingdom",
)
POSITIVE_CANCELLATION = line(
    InvoiceNo="C536380", StockCode="22086", Description="PAPER CHAIN KIT", Quantity=4,
    InvoiceDate="12/1/2010 9:45", UnitPrice=2.55, CustomerID=14527, Country="United Kingdom",
)
MALFORMED = '{"InvoiceNo": "536370", "StockCode": '
NOT_AN_OBJECT = "[1, 2, 3]"
EVERYTHING_WRONG = line(StockCode="X", Quantity="many", InvoiceDate="never", UnitPrice="free")
HUGE_PRICE = line(InvoiceNo="536371", StockCode="X", Quantity=1, InvoiceDate="12/1/2010 8:26", UnitPrice="12345678901.5")
LONG_CODE = line(InvoiceNo="536372", StockCode="X" * 33, Quantity=1, InvoiceDate="12/1/2010 8:26", UnitPrice=1)
# Same business values as GOOD in another shape (field order, text types, another date format).
GOOD_RESHAPED = line(
    Country="United Kingdom", CustomerID="17850", UnitPrice="2.550", InvoiceDate="2010-12-01 08:26:00",
    Quantity="6", Description="WHITE HANGING HEART T-LIGHT HOLDER", StockCode="85123A", InvoiceNo="536365",
)
NULL_DESCRIPTION = line(InvoiceNo="536373", StockCode="X", Quantity=1, InvoiceDate="12/1/2010 8:26", UnitPrice=1)
TEXT_NULL_DESCRIPTION = line(
    InvoiceNo="536373", StockCode="X", Quantity=1, InvoiceDate="12/1/2010 8:26", UnitPrice=1, Description="\\N"
)


def write_gzip_lines(path: Path, lines: Iterable[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for text in lines:
            handle.write(text + "\n")
    return path


def rows(lines: List[str]) -> List[str]:
    return list(lines)
