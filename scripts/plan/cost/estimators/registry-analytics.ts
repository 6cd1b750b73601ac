// Estimators for the streaming, warehouse and orchestration types (StreamIngest, BatchWarehouse).
import { Estimator } from "../model";
import { glueCrawler, glueJob, stateMachine } from "./compute";
import { firehose, kinesisStream, redshiftNamespace, redshiftWorkgroup } from "./analytics";

export const analyticsEstimators: Record<string, Estimator> = {
    "aws:kinesis/stream:Stream": kinesisStream,
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": firehose,
    "aws:redshiftserverless/workgroup:Workgroup": redshiftWorkgroup,
    "aws:redshiftserverless/namespace:Namespace": redshiftNamespace,
    "aws:glue/job:Job": glueJob,
    "aws:glue/crawler:Crawler": glueCrawler,
    "aws:sfn/stateMachine:StateMachine": stateMachine,
};
