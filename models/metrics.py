"""Prometheus metrics of the model layer (served by the gateway's /metrics from the default registry)."""

from prometheus_client import Counter, Gauge, Histogram

BATCH_SIZE = Histogram(
    "cirrus_model_batch_size",
    "Items per batched model call.",
    ["model"],
    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256),
)
QUEUE_DEPTH = Gauge("cirrus_model_queue_depth", "Items queued for a model and not yet batched.", ["model"])
REJECTIONS = Counter("cirrus_model_rejections_total", "Submissions refused because the model's queue was full.", ["model"])
INFERENCE_SECONDS = Histogram("cirrus_model_inference_seconds", "Wall time of one batched model call.", ["model"])
