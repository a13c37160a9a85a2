"""What a card asks of Ray Serve: replicas or an autoscaling range, CPUs and GPUs per replica, queue bounds;
and item errors that travel back to the gateway whole or as their type and message."""

from __future__ import annotations

import pickle

from models.cards import ModelCard
from models.errors import InvalidItem, ModelNotReady, Overloaded
from models.portable import RemoteItemError, portable
from models.ray.deployment import _no_room, deployment_options
from models.registry import build_registry

CARD = ModelCard(name="m", task="sentiment", backend="vader", max_queue=256)


def test_a_card_with_fixed_replicas_and_resources() -> None:
    options = deployment_options(CARD.with_overrides(replicas=3, num_cpus=2, num_gpus=0.25))
    assert options["num_replicas"] == 3 and "autoscaling_config" not in options
    assert options["ray_actor_options"]["num_cpus"] == 2 and options["ray_actor_options"]["num_gpus"] == 0.25
    assert options["max_ongoing_requests"] == 256 and options["max_queued_requests"] == 256
    assert options["ray_actor_options"]["runtime_env"]["env_vars"] == {"GOMP_SPINCOUNT": "10000"}  # as `cirrus serve`


def warning(need: str, free: str) -> str:
    """Serve's message for replicas that waited RAY_SERVE_SLOW_STARTUP_WARNING_S to be scheduled."""
    return (f"Deployment 'm' in application 'cirrus-m' has 1 replicas that have taken more than 4s to be scheduled. "
            f"This may be due to waiting for the cluster to auto-scale or for a runtime environment to be installed. "
            f"Resources required for each replica: {need}, total resources available: {free}. Use `ray status` for more details.")


def test_a_slow_schedule_is_no_room_only_when_the_free_resources_cannot_hold_a_replica() -> None:
    short = _no_room(warning('{"CPU": 1.5}', '{"CPU": 0.5}'))
    assert short is not None and short.startswith("Resources required for each replica: {\"CPU\": 1.5}")
    assert _no_room(warning('{"CPU": 0.1, "GPU": 1}', '{"CPU": 1.9}')) is not None  # no GPU at all
    # a busy 2-core machine starting the worker process (CI saw this): room, just slow; wait for it
    assert _no_room(warning('{"CPU": 0.1}', '{"CPU": 1.9}')) is None
    assert _no_room("Deployment 'm' has 1 replicas that have taken more than 4s to initialize.") is None
    assert _no_room("") is None


def test_max_replicas_above_replicas_autoscales_between_them() -> None:
    options = deployment_options(CARD.with_overrides(replicas=1, max_replicas=4))
    assert "num_replicas" not in options
    scale = options["autoscaling_config"]
    assert (scale["min_replicas"], scale["max_replicas"]) == (1, 4) and scale["target_ongoing_requests"] >= 2


def test_workers_num_gpus_is_every_cards_default_unless_the_card_says() -> None:
    registry = build_registry(num_gpus=0.5, overrides={"sentiment-vader-en": {"num_gpus": 0}},
                              extra_cards=[ModelCard(name="own", task="sentiment", backend="vader", num_gpus=1)])
    assert registry.get("entities-spacy-en").card.num_gpus == 0.5  # type: ignore[union-attr]
    assert registry.get("own").card.num_gpus == 1  # type: ignore[union-attr]
    assert registry.get("sentiment-vader-en").card.num_gpus == 0  # type: ignore[union-attr]


def test_item_errors_travel_whole_or_as_type_and_message() -> None:
    for error in (InvalidItem("the image is empty"), Overloaded("m", 2.5, "its queue is full"), ModelNotReady("m", "x")):
        back = pickle.loads(pickle.dumps(portable(error)))
        assert type(back) is type(error) and str(back) == str(error)
    assert pickle.loads(pickle.dumps(Overloaded("m", 2.5))).retry_after == 2.5

    class Local(Exception):  # a class the gateway cannot import
        def __init__(self, a: int, b: int) -> None:
            super().__init__(f"{a}/{b}")

    back = portable(Local(1, 2))
    assert isinstance(back, RemoteItemError) and str(back) == "Local: 1/2"
    assert portable({"label": "POSITIVE"}) == {"label": "POSITIVE"}
