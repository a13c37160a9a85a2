"""Job completion notifications (Rekognition video and Textract ``NotificationChannel``): AWS's completion
message published to the job's SNS topic through a configured SNS endpoint (AWS, LocalStack, moto...).

A job started with a channel keeps ``params["notification"] = {"topic": ARN, "message": {...}}``, the parts of
the message known at start (API, JobTag, Video / DocumentLocation); when the job ends the runner adds
JobId, Status and Timestamp and publishes. A publish that fails is retried a few times and then logged:
the job's own state is already durable, and clients can always poll Get*.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from typing import Any

from services.errors import InvalidRequest

log = logging.getLogger(__name__)
TOPIC_ARN = re.compile(r"arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?")
ROLE_ARN = re.compile(r"arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9_+=,.@/-]{1,512}")
STATUS = {"COMPLETED": "SUCCEEDED", "FAILED": "FAILED", "STOPPED": "FAILED"}
RETRIES = 3


class SnsNotifier:
    """Publishes through one SNS endpoint, signing for the region the topic's ARN names."""

    def __init__(self, endpoint_url: str, access_key: str | None, secret_key: str | None) -> None:
        self.endpoint_url = endpoint_url
        self.keys = {"aws_access_key_id": access_key, "aws_secret_access_key": secret_key}
        self._clients: dict[str, Any] = {}

    def _client(self, region: str) -> Any:
        import boto3

        if region not in self._clients:
            self._clients[region] = boto3.client("sns", endpoint_url=self.endpoint_url, region_name=region, **self.keys)
        return self._clients[region]

    def publish(self, topic: str, message: dict[str, Any]) -> None:
        self._client(topic.split(":")[3]).publish(TopicArn=topic, Message=json.dumps(message))


def notification(notifier: SnsNotifier | None, channel: Any, message: dict[str, Any]) -> dict[str, Any] | None:
    """A job's ``notification`` parameter from the request's NotificationChannel (None without one), or
    InvalidRequest when it is malformed or no SNS endpoint is configured (accepted and dropped, a client
    waiting for it would hang)."""
    if channel is None:
        return None
    if not isinstance(channel, dict) or not isinstance(channel.get("SNSTopicArn"), str):
        raise InvalidRequest("NotificationChannel needs an SNSTopicArn (and a RoleArn)")
    if not TOPIC_ARN.fullmatch(channel["SNSTopicArn"]):
        raise InvalidRequest(f"NotificationChannel.SNSTopicArn {channel['SNSTopicArn']!r} is not an SNS topic ARN")
    if not isinstance(channel.get("RoleArn"), str) or not ROLE_ARN.fullmatch(channel["RoleArn"]):
        raise InvalidRequest("NotificationChannel.RoleArn must be an IAM role ARN")
    if notifier is None:
        raise InvalidRequest("NotificationChannel needs an SNS endpoint, and none is configured: set "
                             "CIRRUS_NOTIFICATIONS__SNS_ENDPOINT_URL, or leave the channel out and poll for the result")
    return {"topic": channel["SNSTopicArn"], "message": message}


async def announce(notifier: SnsNotifier | None, job_id: str, state: str, params: dict[str, Any]) -> None:
    """Publish the end of a job to its channel, if it has one."""
    channel = params.get("notification")
    if notifier is None or not channel:
        return
    message = {"JobId": job_id, "Status": STATUS.get(state, state), **channel["message"],
               "Timestamp": int(time.time() * 1000)}
    for attempt in range(RETRIES):
        try:
            await asyncio.to_thread(notifier.publish, channel["topic"], message)
            return
        except Exception:  # the SNS endpoint's fault; the job itself is done and recorded
            if attempt == RETRIES - 1:
                log.exception("could not publish the end of job %s to %s", job_id, channel["topic"])
            else:
                await asyncio.sleep(1 + attempt)
