#!/bin/sh
# One-shot: buckets, versioning, and the put-event subscription to the intake's webhook target.
set -eu
mc alias set local "http://minio:9000" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing "local/${GONGKAI_BUCKET}"
mc mb --ignore-existing "local/${GONGKAI_ARTIFACTS_BUCKET}"
mc version enable "local/${GONGKAI_BUCKET}"
# Idempotent: a second run finds the rule already there.
mc event add "local/${GONGKAI_BUCKET}" arn:minio:sqs::GONGKAI:webhook --event put || mc event list "local/${GONGKAI_BUCKET}"
