#!/bin/sh
# One-shot: buckets, versioning, the workers' scoped user, and the put-event subscription to the intake's
# webhook target. Every step either succeeds or stops the setup with its error: nothing is swallowed.
set -eu
mc alias set local "http://minio:9000" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing "local/${GONGKAI_BUCKET}"
mc version enable "local/${GONGKAI_BUCKET}"

# The workers only read reports (what stages hand on waits in Redis); they need nothing else.
cat > /tmp/gongkai-policy.json <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions",
                                   "s3:GetBucketLocation"],
     "Resource": ["arn:aws:s3:::${GONGKAI_BUCKET}", "arn:aws:s3:::${GONGKAI_BUCKET}/*"]}
  ]
}
POLICY
mc admin policy create local gongkai-worker /tmp/gongkai-policy.json \
  || mc admin policy info local gongkai-worker > /dev/null  # made by an earlier run (and only then)
mc admin user add local "$GONGKAI_S3_ACCESS_KEY" "$GONGKAI_S3_SECRET_KEY"
mc admin policy attach local gongkai-worker --user "$GONGKAI_S3_ACCESS_KEY" \
  || mc admin user info local "$GONGKAI_S3_ACCESS_KEY" | grep -q "gongkai-worker"  # attached by an earlier run

# Idempotent without hiding failures: add the rule only when it is not there yet.
if mc event list "local/${GONGKAI_BUCKET}" arn:minio:sqs::GONGKAI:webhook | grep -q "arn:minio:sqs::GONGKAI:webhook"; then
  echo "put events already subscribed"
else
  mc event add "local/${GONGKAI_BUCKET}" arn:minio:sqs::GONGKAI:webhook --event put
fi
