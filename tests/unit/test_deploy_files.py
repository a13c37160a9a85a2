"""docker-compose.yml, the Dockerfiles and the proxy's config are valid and say what the README says: no
container runtime can pull images here, so `docker-compose config` (Debian's docker-compose, which
`make test` installs) checks the file, and these tests check its topology against the code."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from cirrus.settings import Settings
from services.shared.artifacts import BUCKET

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"


def config(*profiles: str) -> dict[str, Any]:
    """The compose file as docker-compose resolves it (anchors, variables, profiles), or as YAML."""
    tool = shutil.which("docker-compose")
    if tool is None:
        return yaml.safe_load(COMPOSE.read_text())
    args = [tool, "-f", str(COMPOSE), *(a for p in profiles for a in ("--profile", p)), "config"]
    out = subprocess.run(args, capture_output=True, text=True, check=False, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return yaml.safe_load(out.stdout)


def test_compose_is_valid_with_every_profile() -> None:
    if shutil.which("docker-compose") is None:
        pytest.skip("Debian's docker-compose is not installed (make install-dev does it)")
    services = config("gpu")["services"]
    assert set(services) == {"postgres", "minio", "minio-setup", "ray-head", "ray-worker", "ray-worker-gpu", "gateway", "proxy"}
    assert services["ray-worker-gpu"]["profiles"] == ["gpu"]  # only with --profile gpu
    assert all("profiles" not in s for name, s in services.items() if name != "ray-worker-gpu")


def test_every_long_running_service_is_health_checked_and_keeps_its_data_in_named_volumes() -> None:
    c = config("gpu")
    for name, service in c["services"].items():
        if name != "minio-setup":  # a one-shot job
            assert service.get("healthcheck", {}).get("test"), name
        for volume in service.get("volumes", []):
            source = volume["source"] if isinstance(volume, dict) else volume.split(":")[0]
            if not source.startswith((".", "/")):
                assert source in c["volumes"], (name, source)
    assert {"postgres-data", "minio-data", "gateway-data"} <= set(c["volumes"])


def _setting(path: str) -> bool:
    """Whether CIRRUS_A__B names a real setting (a typo here would be silently ignored in a container)."""
    model: Any = Settings
    for part in path.removeprefix("CIRRUS_").lower().split("__"):
        field = model.model_fields.get(part)
        if field is None:
            return False
        model = field.annotation
    return True


def test_gateways_share_postgres_minio_and_ray_and_wait_for_them() -> None:
    c = config("gpu")
    gateway = c["services"]["gateway"]
    env = gateway["environment"]
    assert all(_setting(key) for key in env if key.startswith("CIRRUS_")), env
    assert re.match(r"postgresql\+psycopg://cirrus:[^@]+@postgres:5432/cirrus$", env["CIRRUS_JOBS__DATABASE_URL"])
    assert env["CIRRUS_BUCKETS__S3_ENDPOINT_URL"] == "http://minio:9000"
    for dependency, condition in (("postgres", "service_healthy"), ("minio-setup", "service_completed_successfully"),
                                  ("ray-head", "service_healthy")):
        assert gateway["depends_on"][dependency]["condition"] == condition
    assert gateway["deploy"]["replicas"] >= 2
    # a gateway joins the cluster as a node without CPUs, then finds it at "auto"
    start = " ".join(gateway["command"])
    assert "ray start --address=ray-head:6379 --num-cpus=0" in start and start.endswith("exec .venv/bin/cirrus serve")
    assert env["CIRRUS_WORKERS__RAY_ADDRESS"] == "auto"
    setup = " ".join(c["services"]["minio-setup"]["command"])
    assert f"local/{BUCKET}" in setup  # the bucket the artifacts go to exists before any gateway starts


def test_ray_nodes_join_the_head_and_the_gpu_worker_reserves_gpus() -> None:
    services = config("gpu")["services"]
    head = services["ray-head"]
    assert "--head" in head["command"] and "--port=6379" in head["command"]
    for name in ("ray-worker", "ray-worker-gpu"):
        worker = services[name]
        assert "--address=ray-head:6379" in worker["command"] and "--block" in worker["command"]
        assert worker["depends_on"]["ray-head"]["condition"] == "service_healthy"
        assert worker["shm_size"]  # the object store
    gpu = services["ray-worker-gpu"]
    assert gpu["build"]["dockerfile"] == "Dockerfile.cuda"
    assert gpu["deploy"]["resources"]["reservations"]["devices"] == [{"driver": "nvidia", "count": "all", "capabilities": ["gpu"]}]


def test_the_proxy_balances_replicas_and_passes_websockets() -> None:
    proxy = config()["services"]["proxy"]
    mount = proxy["volumes"][0]
    source = mount["source"] if isinstance(mount, dict) else mount.split(":")[0]
    conf = (ROOT / Path(source).relative_to(ROOT) if Path(source).is_absolute() else ROOT / source).read_text()
    assert "set $gateway http://gateway:8080" in conf and "resolver 127.0.0.11" in conf  # re-resolves scaled replicas
    assert "proxy_set_header Upgrade $http_upgrade" in conf and "proxy_set_header Host $http_host" in conf  # SigV4 host


@pytest.mark.parametrize("dockerfile", ["Dockerfile", "Dockerfile.cuda"])
def test_dockerfiles_install_a_pinned_torch_and_copy_what_exists(dockerfile: str) -> None:
    text = (ROOT / dockerfile).read_text()
    for line in re.findall(r"^COPY (.+)$", text, re.M):
        for source in line.split()[:-1]:
            assert (ROOT / source).exists(), (dockerfile, source)
    index = "cpu" if dockerfile == "Dockerfile" else "cu124"
    assert f"torch==2.13.0 --index-url https://download.pytorch.org/whl/{index}" in text
    assert "make install" in text and "make runtime-deps" in text and "HEALTHCHECK" in text
    assert "pip install -q -e '.[ray]'" in text  # every node of the cluster runs the same Ray
    assert 'CMD [".venv/bin/cirrus", "serve"]' in text
    if dockerfile == "Dockerfile.cuda":
        assert "pip uninstall -y -q onnxruntime" in text and "onnxruntime-gpu" in text
