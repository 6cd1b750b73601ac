// The email source's extractor: SES stores each received message (encrypted) in the receipt bucket;
// this reads one, checks the sender against the source's allow-list and SES's spam/virus verdicts,
// and writes each CSV/JSON attachment that passes the file check to the raw zone under
// <rawPrefix><message id>/<file name> (a reprocessed message overwrites its own files). Rejected
// messages and attachments get a reason file in the rejected zone; nothing is silently dropped.
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import PostalMime from "postal-mime";

import type { ObjectRef } from "../runtime/s3-event";
import { checkFile } from "./file-check";
import type { FieldMapping, FileFormat } from "./source-definition";

export interface EmailConfig {
    source: string;
    allowedSenders: string[];
    /** Zone bucket and the source's prefixes in it. */
    zonesBucket: string;
    rawPrefix: string;
    rejectedPrefix: string;
    maxAttachmentBytes: number;
    format: FileFormat;
    mapping: Record<string, FieldMapping>;
}

export interface AttachmentOutcome {
    filename: string;
    accepted: boolean;
    destination: string;
    records?: number;
    reason?: string;
}

export interface MessageOutcome {
    message: string;
    sender: string;
    accepted: boolean;
    reason?: string;
    attachments: AttachmentOutcome[];
}

const extensions: Record<FileFormat, RegExp> = { csv: /\.csv$/i, json: /\.json$/i, jsonl: /\.(jsonl|ndjson)$/i };

export function senderAllowed(sender: string, allowList: string[]): boolean {
    const address = sender.toLowerCase();
    const domain = address.slice(address.lastIndexOf("@"));
    return allowList.some(allowed => allowed === address || (allowed.startsWith("@") && allowed === domain));
}

/** A file name safe as one key segment: the attachment's own, without any path. */
function safeName(filename: string, index: number): string {
    const base = filename.split(/[\\/]/).pop() ?? "";
    const cleaned = base.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "");
    return cleaned === "" ? `attachment-${index + 1}` : cleaned;
}

async function note(s3: S3Client, bucket: string, key: string, detail: object): Promise<void> {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(detail), ContentType: "application/json" }));
}

export async function extractMessage(s3: S3Client, config: EmailConfig, object: ObjectRef): Promise<MessageOutcome> {
    const stored = await s3.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key }));
    const email = await PostalMime.parse(await stored.Body!.transformToByteArray());
    const messageId = safeName(object.key, 0);
    const sender = email.from?.address?.toLowerCase() ?? "";
    const verdict = (name: string) =>
        email.headers
            .find(h => h.key === name)
            ?.value.trim()
            .toUpperCase();
    const refuse =
        sender === ""
            ? "the message has no From address"
            : !senderAllowed(sender, config.allowedSenders)
              ? `sender ${sender} is not in the source's allowedSenders`
              : verdict("x-ses-virus-verdict") === "FAIL"
                ? "SES found a virus"
                : verdict("x-ses-spam-verdict") === "FAIL"
                  ? "SES marked the message as spam"
                  : undefined;
    const outcome: MessageOutcome = { message: object.key, sender, accepted: refuse === undefined, attachments: [] };
    if (refuse !== undefined) {
        outcome.reason = refuse;
        await note(s3, config.zonesBucket, `${config.rejectedPrefix}${messageId}/message.reason.json`, {
            source: config.source,
            ...outcome,
        });
        return outcome;
    }
    for (const [index, attachment] of email.attachments.entries()) {
        const filename = safeName(attachment.filename ?? "", index);
        const content = attachment.content;
        const bytes =
            typeof content === "string"
                ? Buffer.from(content, attachment.encoding === "base64" ? "base64" : "utf8")
                : Buffer.from(content as ArrayBuffer);
        let reason: string | undefined;
        let records: number | undefined;
        if (!extensions[config.format].test(filename)) {
            reason = `not a ${config.format} attachment (${attachment.mimeType})`;
        } else if (bytes.length > config.maxAttachmentBytes) {
            reason = `${bytes.length} bytes is over the source's limit of ${config.maxAttachmentBytes}`;
        } else {
            const checked = checkFile(bytes.toString("utf8"), config.format, config.mapping);
            reason = checked.ok ? undefined : checked.reason;
            records = checked.ok ? checked.records : undefined;
        }
        const prefix = reason === undefined ? config.rawPrefix : config.rejectedPrefix;
        const destination = `${prefix}${messageId}/${filename}`;
        await s3.send(new PutObjectCommand({ Bucket: config.zonesBucket, Key: destination, Body: bytes }));
        if (reason !== undefined) {
            await note(s3, config.zonesBucket, `${destination}.reason.json`, {
                source: config.source,
                message: object.key,
                sender,
                reason,
            });
        }
        outcome.attachments.push({
            filename,
            accepted: reason === undefined,
            destination,
            ...(records !== undefined ? { records } : {}),
            ...(reason ? { reason } : {}),
        });
    }
    if (outcome.attachments.length === 0) {
        outcome.reason = "the message has no attachments";
        await note(s3, config.zonesBucket, `${config.rejectedPrefix}${messageId}/message.reason.json`, {
            source: config.source,
            ...outcome,
        });
    }
    return outcome;
}
