"""Face identity benchmark, measured side by side in one run (numbers go in the README).

  search       the collection store's search (usearch HNSW + the SQL read of the hits) at 1k / 10k / 100k faces,
               against exact brute force (numpy) over the same descriptors: median and p99 ms, recall@1; and
               what a restart pays: building the index from SQL (after kill -9) or loading the saved one
  descriptors  dlib's ResNet descriptor and the age/gender networks on 32 real face chips: one batched call
               vs one call per face (faces/s)

    python bench/bench_faces.py [--sizes 1000,10000,100000] [--queries 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from skimage import data

from models.registry import default_cards
from models.vision.age_gender import AgeGenderModel
from models.vision.faces import DlibDescriptors, DlibFaces, FaceOnImage
from services.vision.collections import FaceCollections, NewFace
from tests.vision_util import lfw_face, mirrored

BOX = {"Width": 0.1, "Height": 0.1, "Left": 0.0, "Top": 0.0}


def descriptors(rng: np.random.Generator, n: int) -> np.ndarray:
    """Vectors spread like dlib's (norm ~1, strangers ~0.6-1.0 apart), made up: no photos of 100k people here."""
    base = rng.normal(size=(n, 128)).astype(np.float32)
    return base / np.linalg.norm(base, axis=1, keepdims=True) * 0.6


def bench_search(sizes: list[int], queries: int) -> None:
    rng = np.random.default_rng(0)
    print(f"{'faces':>8} {'insert s':>8} {'build s':>7} {'load s':>6} {'hnsw p50':>9} {'hnsw p99':>9} {'exact p50':>9} "
          f"{'exact p99':>9} {'recall@1':>8}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            engine = sa.create_engine(f"sqlite:///{tmp}/faces.db")
            store = FaceCollections(engine, "bench", Path(tmp) / "indexes")
            store.create("c")
            vectors = descriptors(rng, size)
            start = time.perf_counter()
            for chunk in range(0, size, 5000):
                store.add_faces("c", "img", None, [NewFace(BOX, 99.0, v) for v in vectors[chunk:chunk + 5000]])
            loaded = time.perf_counter() - start
            start = time.perf_counter()
            store._indexes.clear()  # what a restart after kill -9 (or another replica's write) costs
            store.size("c")
            rebuild = time.perf_counter() - start
            store = FaceCollections(engine, "bench", Path(tmp) / "indexes")  # a restart after a clean stop
            start = time.perf_counter()
            store.size("c")
            reload = time.perf_counter() - start
            probes = vectors[rng.integers(0, size, queries)] + rng.normal(scale=0.02, size=(queries, 128)).astype(np.float32)
            hnsw, exact, hits = [], [], 0
            for probe in probes:
                start = time.perf_counter()
                found = store.search("c", probe, 10)
                hnsw.append(time.perf_counter() - start)
                start = time.perf_counter()
                best = int(np.argmin(((vectors - probe) ** 2).sum(axis=1)))
                exact.append(time.perf_counter() - start)
                hits += bool(found) and np.allclose(found[0][0].descriptor, vectors[best])
            print(f"{size:>8} {loaded:>8.1f} {rebuild:>7.2f} {reload:>6.2f} {np.median(hnsw) * 1000:>9.2f} "
                  f"{np.percentile(hnsw, 99) * 1000:>9.2f} {np.median(exact) * 1000:>9.2f} "
                  f"{np.percentile(exact, 99) * 1000:>9.2f} {hits / queries:>8.3f}")


def bench_models(faces: int) -> None:
    cards = {c.name: c for c in default_cards()}
    detector = DlibFaces(cards["faces-dlib-hog"])
    detector.load("cpu", "fp32")
    pictures = [data.astronaut(), mirrored(data.astronaut())] + [lfw_face(i) for i in (0, 1, 2, 3, 5, 6)]
    items = [FaceOnImage(p, f) for p in pictures for f in detector.predict([p])[0][:1]]
    items = (items * (faces // len(items) + 1))[:faces]
    print(f"{'model':<22} {'batched faces/s':>15} {'one by one':>11} {'ratio':>6}")
    for name, backend in (("faces-dlib-resnet", DlibDescriptors), ("faces-age-gender", AgeGenderModel)):
        model = backend(cards[name])
        model.load("cpu", "fp32")
        model.predict(items[:2])  # warm
        rates = []
        for batch in (len(items), 1):
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                for i in range(0, len(items), batch):
                    model.predict(items[i:i + batch])
                best = min(best, time.perf_counter() - start)
            rates.append(len(items) / best)
        print(f"{name:<22} {rates[0]:>15.1f} {rates[1]:>11.1f} {rates[0] / rates[1]:>6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--faces", type=int, default=32)
    args = parser.parse_args()
    bench_search([int(s) for s in args.sizes.split(",")], args.queries)
    bench_models(args.faces)


if __name__ == "__main__":
    main()
