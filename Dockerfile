# Cirrus on the CPU: the gateway and every default model, installed at build time (nothing is fetched when
# it runs). `docker compose` builds it; alone: docker build -t cirrus . && docker run -p 8080:8080 cirrus
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends make npm git \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/cirrus
COPY pyproject.toml Makefile README.md ./
COPY cirrus cirrus
COPY gateway gateway
COPY services services
COPY models models

# `make runtime-deps` installs Apertium, eSpeak NG and Tesseract from Debian; torch's CPU build comes next (an
# unpinned or PyPI torch is the multi-GB CUDA one), then `make install` lays the project and its models over it
# and makes what a first start would derive from them (models/prebuild.py), so a container on a fresh /data
# volume is ready as fast as a restart; and Ray, for the scale-out topology.
RUN make runtime-deps \
 && python -m venv .venv \
 && .venv/bin/pip install -q --upgrade pip \
 && .venv/bin/pip install -q torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu \
 && make install PYTHON=python VENV=.venv \
 && .venv/bin/pip install -q -e '.[ray]' \
 && rm -rf /var/lib/apt/lists/* /root/.cache /root/.npm

ENV HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 CIRRUS_HOST=0.0.0.0 CIRRUS_PORT=8080 CIRRUS_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD .venv/bin/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/health', timeout=2)"
CMD [".venv/bin/cirrus", "serve"]
