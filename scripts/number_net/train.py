"""Train `pipeline.ocr.number_net`'s network and write its ONNX file.

The shipped `pipeline/ocr/models/numbers.onnx` was made so (from the
repository's root, in a venv with the project's dependencies):

    pip install torch==2.13.0 onnx fonttools   # training only; reading needs none of them
    PYTHONPATH=. python scripts/number_net/synth.py /tmp/a.pk 50000 21
    PYTHONPATH=. python scripts/number_net/synth.py /tmp/b.pk 50000 22
    PYTHONPATH=. python scripts/number_net/train.py pipeline/ocr/models/numbers.onnx /tmp/a.pk /tmp/b.pk --epochs 7

Six convolution blocks bring the 32-px line to one row of 160 features
per 4 columns, a 1x5 convolution gives each column its neighbours'
context, a 1x1 convolution the class scores; CTC loss, AdamW, one-cycle
learning rate.  Crops of similar widths are batched and padded with paper
on the right, so the reader pads too (`NumberNet.read`).  Every 25th crop
is held out and its exact-match rate printed per epoch (96.85 % after the
seventh).  On two cores: ~4 min an epoch of 96,000 crops.
"""

from __future__ import annotations

import argparse
import pickle
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from pipeline.ocr.number_net import ALPHABET, HEIGHT, decode

CLASSES = len(ALPHABET) + 1


def block(cin: int, cout: int, pool: tuple[int, int] | None) -> list[nn.Module]:
    layers: list[nn.Module] = [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
    return layers + ([nn.MaxPool2d(pool)] if pool else [])


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.body = nn.Sequential(
            *block(1, 32, (2, 2)), *block(32, 64, (2, 2)), *block(64, 96, None), *block(96, 96, (2, 1)),
            *block(96, 128, (2, 1)), nn.Conv2d(128, 160, (2, 1), bias=False), nn.BatchNorm2d(160), nn.ReLU(),
            nn.Conv2d(160, 160, (1, 5), padding=(0, 2), bias=False), nn.BatchNorm2d(160), nn.ReLU(),
            nn.Conv2d(160, CLASSES, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # N,1,32,W -> N,C,1,W/4
        return self.body(x)


def batches(xs: list[np.ndarray], ys: list[str], size: int, rng: random.Random):
    """Batches of crops of similar widths, padded with paper."""
    order = list(range(len(xs)))
    order.sort(key=lambda i: xs[i].shape[1] // 16 + rng.random())
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(groups)
    for g in groups:
        w = (max(xs[i].shape[1] for i in g) + 3) // 4 * 4
        x = np.zeros((len(g), 1, HEIGHT, w), np.float32)
        for k, i in enumerate(g):
            x[k, 0, :, : xs[i].shape[1]] = xs[i] / 255.0
        yield torch.from_numpy(x), [[ALPHABET.index(c) + 1 for c in ys[i]] for i in g], [xs[i].shape[1] // 4 for i in g]


def exact(net: Net, xs: list[np.ndarray], ys: list[str]) -> float:
    net.eval()
    right = 0
    with torch.no_grad():
        for x, targets, lens in batches(xs, ys, 128, random.Random(0)):
            lp = net(x)[:, :, 0, :].permute(0, 2, 1).log_softmax(2).numpy()
            for k, t in enumerate(targets):
                right += decode(lp[k, : lens[k]]).text == "".join(ALPHABET[c - 1] for c in t)
    net.train()
    return right / len(xs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("data", nargs="+")
    ap.add_argument("--epochs", type=int, default=6)
    a = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(1)
    xs: list[np.ndarray] = []
    ys: list[str] = []
    for p in a.data:
        x, y = pickle.loads(Path(p).read_bytes())
        xs += x
        ys += y
    held = set(range(0, len(xs), 25))
    xv, yv = [xs[i] for i in sorted(held)], [ys[i] for i in sorted(held)]
    xt, yt = [x for i, x in enumerate(xs) if i not in held], [y for i, y in enumerate(ys) if i not in held]
    net = Net()
    opt = torch.optim.AdamW(net.parameters(), 2e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, 3e-3, total_steps=a.epochs * (len(xt) // 64 + 1), pct_start=0.15)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    rng, t0 = random.Random(1), time.time()
    for epoch in range(a.epochs):
        total, n = 0.0, 0
        for x, targets, lens in batches(xt, yt, 64, rng):
            lp = net(x)[:, :, 0, :].permute(2, 0, 1).log_softmax(2)
            loss = ctc(lp, torch.tensor([c for t in targets for c in t]), torch.tensor(lens),
                       torch.tensor([len(t) for t in targets]))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total, n = total + loss.item(), n + 1
        print(f"epoch {epoch}: loss {total / n:.4f}, held-out exact {exact(net, xv, yv):.4f}, {time.time() - t0:.0f} s",
              flush=True)
    net.eval()
    torch.onnx.export(net, torch.zeros(1, 1, HEIGHT, 64), a.out, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "n", 3: "w"}, "y": {0: "n", 3: "t"}}, opset_version=13, dynamo=False)


if __name__ == "__main__":
    main()
