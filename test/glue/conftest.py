"""One local SparkSession (local[2], small data) for every glue/ test, with the settings the Glue
shell applies, so the transform runs here as it runs in Glue 5.0 (Spark 3.5)."""

import json
import os
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "glue"))

from pyspark.sql import SparkSession  # noqa: E402

from source_spec import parse_source  # noqa: E402
from warehouse_transform import session_settings  # noqa: E402


@pytest.fixture(scope="session")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master("local[2]")
        .appName("glue-transform-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
    )
    for key, value in session_settings().items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def source_config():
    return json.loads((REPO_ROOT / "test" / "fixtures" / "online-retail" / "source-config.json").read_text())


@pytest.fixture(scope="session")
def spec(source_config):
    return parse_source(source_config)
