"""Glue entry point of the BatchWarehouse job: arguments, bookmarked read, transform, write.

Kept thin on purpose: everything that decides what a row becomes lives in warehouse_transform.py
(shipped beside this script with --extra-py-files) and is tested on a local SparkSession. This file
needs Glue's own libraries (awsglue), which exist only in the Glue runtime.
"""

import json
import sys

from awsglue.context import GlueContext  # type: ignore[import-not-found]
from awsglue.job import Job  # type: ignore[import-not-found]
from awsglue.utils import getResolvedOptions  # type: ignore[import-not-found]
from pyspark.context import SparkContext

from source_spec import parse_source
from warehouse_transform import raw_lines, session_settings, transform, write_outputs

args = getResolvedOptions(
    sys.argv, ["JOB_NAME", "JOB_RUN_ID", "source_config", "raw_path", "processed_root", "rejected_root"]
)
source_config = json.loads(args["source_config"])
spec = parse_source(source_config)
# JSON (objects or lines) or CSV with a header row; either way each record becomes one JSON object.
raw_format = source_config.get("format", "json")

glue_context = GlueContext(SparkContext.getOrCreate())
session = glue_context.spark_session
for key, value in session_settings().items():
    session.conf.set(key, value)
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

# The bookmark (transformation_ctx) makes each run read only the files added since the last commit.
# Each record goes back to JSON text: transform() takes raw lines, whatever types Glue inferred.
# No new files is an empty run: no Parquet is written and the load answers "no new data".
frame = glue_context.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": [args["raw_path"]], "recurse": True},
    format=raw_format,
    format_options={"withHeader": True} if raw_format == "csv" else {},
    transformation_ctx="raw_events",
).resolveChoice(choice="cast:string")
lines = raw_lines(frame.toDF())

# The load id is Glue's own run id (jr_<hex>): the state machine passes the same value to the load.
result = transform(lines, spec, load_id=args["JOB_RUN_ID"])
write_outputs(result, args["processed_root"], args["rejected_root"], spec, load_id=args["JOB_RUN_ID"])
job.commit()
