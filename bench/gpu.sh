#!/usr/bin/env bash
# The GPU benchmarks in one prepared run, for a machine with an NVIDIA GPU (no test needs one).
#
#   bench/gpu.sh [VENV]     # VENV: a venv with a CUDA torch and onnxruntime-gpu (default .venv)
#
# Make that venv like Dockerfile.cuda does: `make install-dev`, then
#   .venv/bin/pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cu124
#   .venv/bin/pip uninstall -y onnxruntime && .venv/bin/pip install --no-deps 'onnxruntime-gpu>=1.17'
# It checks the GPU is usable from torch, onnxruntime and CTranslate2 first (and stops saying which is
# not), then runs the text, speech and vision benchmarks with BENCH_DEVICE=cuda: every gateway started
# with CIRRUS_DEVICE=cuda and every bare model loaded on the GPU in fp16, so each prints batched vs
# unbatched and gateway vs bare figures per model, on the GPU. On a GPU machine that cannot have such a venv
# (no downloads, little room to carry one), bench/gpu_runtime.sh runs the model runtime alone on its own torch.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${1:-.venv}
PY="$VENV/bin/python"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 BENCH_DEVICE=cuda

command -v nvidia-smi >/dev/null || { echo "no nvidia-smi: this is not a GPU machine" >&2; exit 2; }
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
"$PY" - <<'PY'
import sys
problems = []
import torch
if not torch.cuda.is_available():
    problems.append(f"torch {torch.__version__} sees no CUDA device (a CPU build? see the header of bench/gpu.sh)")
else:
    print(f"torch {torch.__version__}, CUDA {torch.version.cuda}, {torch.cuda.get_device_name(0)}")
import onnxruntime
if "CUDAExecutionProvider" not in onnxruntime.get_available_providers():
    problems.append("onnxruntime has no CUDAExecutionProvider (install onnxruntime-gpu)")
import ctranslate2
if ctranslate2.get_cuda_device_count() < 1:
    problems.append("CTranslate2 sees no CUDA device (faster-whisper would run on the CPU)")
if problems:
    sys.exit("not ready for the GPU benchmarks:\n  " + "\n  ".join(problems))
PY

for bench in "bench_text.py --model minilm" "bench_text.py --model spacy-entities" \
             "bench_speech.py" "bench_vision.py"; do
  echo; echo "== $bench (BENCH_DEVICE=cuda) =="
  # shellcheck disable=SC2086
  "$PY" bench/$bench
done
