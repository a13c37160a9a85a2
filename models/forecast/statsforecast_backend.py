"""Time-series forecasting with statsforecast: pick the best model per dataset by backtest, then forecast
quantiles.

Candidates: AutoARIMA, AutoETS, AutoTheta and SeasonalNaive, plus Croston (SBA-optimised) when the
series are intermittent (over 30% zeros), plus Fracast-0, the packaged 85k-parameter neural forecaster
(zero-shot, 9 quantiles 0.1..0.9; its columns are filled like statsforecast's so scoring is shared). The backtest rolls up to 3 windows of ``horizon`` points over
the end of every series, fits each candidate before each window and scores it (WAPE, RMSE, MAPE, MASE
and the weighted quantile loss per quantile); each item gets the model with its lowest average weighted
quantile loss, AWS AutoPredictor's default metric. Quantiles come from the model's prediction intervals (quantile q
is the lower bound of the (1 - 2q) interval for q < 0.5, the upper bound of the (2q - 1) interval above
it, the point forecast at 0.5); Croston, which has no intervals of its own, gets conformal ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pandas is imported where a forecast runs, not by every start of the server (0.45 s)
    import pandas as pd

SEASON = {"min": 60, "5min": 288, "10min": 144, "15min": 96, "30min": 48, "H": 24, "D": 7, "W": 52, "M": 12, "Q": 4, "Y": 1}
PANDAS_FREQ = {"min": "min", "5min": "5min", "10min": "10min", "15min": "15min", "30min": "30min", "H": "h",
               "D": "D", "W": "W", "M": "MS", "Q": "QS", "Y": "YS"}


class ForecastInputError(ValueError):
    """The data cannot be forecast as asked (the message says what to change)."""


@dataclass(frozen=True)
class Backtest:
    chosen: dict[str, str]  # item -> model with the lowest average weighted quantile loss on the backtest
    metrics: dict[str, dict[str, Any]]  # model (and "AutoPredictor", the per-item choice) -> metrics
    window_start: str
    window_end: str
    items: int
    windows: int


def _levels(quantiles: list[float]) -> list[int]:
    return sorted({round(abs(2 * q - 1) * 100) for q in quantiles if abs(q - 0.5) > 1e-9})


def _quantile_column(frame: pd.DataFrame, model: str, q: float) -> np.ndarray:
    if abs(q - 0.5) < 1e-9:
        return frame[model].to_numpy(dtype=float)
    level = round(abs(2 * q - 1) * 100)
    side = "lo" if q < 0.5 else "hi"
    return frame[f"{model}-{side}-{level}"].to_numpy(dtype=float)


def _candidates(season: int, intermittent: bool, horizon: int) -> list[Any]:
    from statsforecast.models import AutoARIMA, AutoETS, AutoTheta, CrostonSBA, SeasonalNaive
    from statsforecast.utils import ConformalIntervals

    models: list[Any] = [AutoARIMA(season_length=season), AutoETS(season_length=season),
                         AutoTheta(season_length=season), SeasonalNaive(season_length=season)]
    if intermittent:
        models.append(CrostonSBA(prediction_intervals=ConformalIntervals(h=horizon, n_windows=2)))
    return models


def check(frame: pd.DataFrame, frequency: str, horizon: int) -> int:
    """Validate the data for a forecast of ``horizon`` steps; return the season length."""
    if frequency not in SEASON:
        raise ForecastInputError(f"frequency {frequency!r} is not supported; use one of {', '.join(SEASON)}")
    if frame.empty:
        raise ForecastInputError("the dataset has no rows")
    shortest = int(frame.groupby("unique_id").size().min())
    if shortest < 2 * horizon + 2:
        raise ForecastInputError(
            f"the shortest series has {shortest} points; a horizon of {horizon} needs at least {2 * horizon + 2} "
            "(a backtest window of the horizon plus enough history to fit)"
        )
    season = SEASON[frequency]
    return season if shortest >= 2 * season + horizon else 1


def _engine(frame: pd.DataFrame, frequency: str, horizon: int) -> Any:
    from statsforecast import StatsForecast

    season = check(frame, frequency, horizon)
    intermittent = float((frame["y"] == 0).mean()) > 0.3
    jobs = min(os.cpu_count() or 1, int(frame["unique_id"].nunique()))  # items train in parallel
    return StatsForecast(models=_candidates(season, intermittent, horizon), freq=PANDAS_FREQ[frequency], n_jobs=jobs), season


def backtest(frame: pd.DataFrame, frequency: str, horizon: int, quantiles: list[float]) -> Backtest:
    """Score every candidate on up to 3 rolling windows of ``horizon`` points at the end of every series,
    then choose per item the model with the lowest average weighted quantile loss (one window is noisy,
    and one model for all series is too coarse: AWS's AutoPredictor also chooses per series)."""
    engine, season = _engine(frame, frequency, horizon)
    shortest = int(frame.groupby("unique_id").size().min())
    windows = max(1, min(3, (shortest - horizon - 2) // horizon))
    cv = engine.cross_validation(df=frame, h=horizon, n_windows=windows, step_size=horizon, level=_levels(quantiles))
    first_cutoff = cv.groupby("unique_id")["cutoff"].min().rename("first_cutoff").reset_index()
    history = frame.merge(first_cutoff, on="unique_id")
    history = history[history["ds"] <= history["first_cutoff"]]
    cv["scale"] = cv["unique_id"].map(_mase_scale(history, season))
    models = [getattr(m, "alias", None) or m.__class__.__name__ for m in engine.models]
    per_item = {
        item: min(models, key=lambda m, rows=rows: np.mean([_wql(rows["y"].to_numpy(float), _quantile_column(rows, m, q), q) for q in quantiles]))
        for item, rows in cv.groupby("unique_id")
    }
    # the per-item choice as one more "model": each row takes its item's chosen model's columns
    cv["AutoPredictor"] = [row[per_item[row["unique_id"]]] for _, row in cv.iterrows()]
    for level in _levels(quantiles):
        for side in ("lo", "hi"):
            cv[f"AutoPredictor-{side}-{level}"] = [row[f"{per_item[row['unique_id']]}-{side}-{level}"] for _, row in cv.iterrows()]
    metrics = {model: _metrics(cv, model, quantiles) for model in [*models, "AutoPredictor"]}
    metrics.pop("AutoPredictor")  # recomputed below, once Fracast may have joined the per-item choice
    if _fracast_columns(cv, frame, horizon, quantiles):
        models.append(FRACAST)
        metrics[FRACAST] = _metrics(cv, FRACAST, quantiles)
        for item, rows in cv.groupby("unique_id"):
            mine = np.mean([_wql(rows["y"].to_numpy(float), _quantile_column(rows, FRACAST, q), q) for q in quantiles])
            best = np.mean([_wql(rows["y"].to_numpy(float), _quantile_column(rows, per_item[item], q), q) for q in quantiles])
            if mine < best:
                per_item[item] = FRACAST
        chosen_rows = cv["unique_id"].map(per_item)
        for column in ["", *[f"-{side}-{lv}" for lv in _levels(quantiles) for side in ("lo", "hi")]]:
            cv[f"AutoPredictor{column}"] = [row[f"{model}{column}"] for model, (_, row) in zip(chosen_rows, cv.iterrows(), strict=True)]
    metrics["AutoPredictor"] = _metrics(cv, "AutoPredictor", quantiles)
    return Backtest(per_item, metrics, str(cv["ds"].min()), str(cv["ds"].max()), int(cv["unique_id"].nunique()), windows)


def _metrics(cv: pd.DataFrame, model: str, quantiles: list[float]) -> dict[str, Any]:
    y = cv["y"].to_numpy(dtype=float)
    point = cv[model].to_numpy(dtype=float)
    wql = {q: _wql(y, _quantile_column(cv, model, q), q) for q in quantiles}
    abs_err = np.abs(y - point)
    nonzero = y != 0
    return {
        "WAPE": float(abs_err.sum() / max(np.abs(y).sum(), 1e-12)),
        "RMSE": float(np.sqrt(np.mean((y - point) ** 2))),
        "MAPE": float(np.mean(abs_err[nonzero] / np.abs(y[nonzero]))) if nonzero.any() else float("nan"),
        "MASE": float(np.mean(abs_err / cv["scale"].to_numpy(dtype=float))),
        "WeightedQuantileLosses": wql,
        "AverageWeightedQuantileLoss": float(np.mean(list(wql.values()))),
    }


def forecast(
    frame: pd.DataFrame, frequency: str, horizon: int, quantiles: list[float], chosen: dict[str, str]
) -> dict[str, dict[float, list[tuple[str, float]]]]:
    """Fit on all the data, forecast ``horizon`` steps, each item with its chosen model:
    item -> quantile -> [(timestamp, value)]."""
    engine, _ = _engine(frame, frequency, horizon)
    wanted = set(chosen.values())
    engine.models = [m for m in engine.models if (getattr(m, "alias", None) or m.__class__.__name__) in wanted]
    if engine.models:
        result = engine.forecast(df=frame, h=horizon, level=_levels(quantiles))
    else:  # every item chose Fracast: only the future timestamps are needed from statsforecast
        result = _future_frame(frame, frequency, horizon)
    if FRACAST in wanted:
        for item, rows in result.groupby("unique_id"):
            history = frame[frame["unique_id"] == item].sort_values("ds")["y"].to_numpy(np.float32)
            _fill_fracast(result, rows.index, _fracast().forecast(history, horizon=horizon), quantiles)
    import pandas as pd

    out: dict[str, dict[float, list[tuple[str, float]]]] = {}
    for item, rows in result.groupby("unique_id", sort=True):
        model = chosen.get(str(item))
        if model is None:
            raise ForecastInputError(f"item {item!r} was not in the data the predictor was trained on")
        stamps = [pd.Timestamp(ts).strftime("%Y-%m-%dT%H:%M:%S") for ts in rows["ds"]]
        # intervals are nested, but a point forecast can stray outside a conformal band: keep quantiles ordered
        ordered = np.sort(np.vstack([_quantile_column(rows, model, q) for q in sorted(quantiles)]), axis=0)
        out[str(item)] = {q: list(zip(stamps, map(float, ordered[i]), strict=True)) for i, q in enumerate(sorted(quantiles))}
    return out


FRACAST = "Fracast"
_FRACAST_MODEL: Any = None


def _fracast() -> Any:
    global _FRACAST_MODEL
    if _FRACAST_MODEL is None:
        from fracast import FracastModel  # weights ship in the wheel; nothing is downloaded

        _FRACAST_MODEL = FracastModel.from_pretrained(device="cpu")
    return _FRACAST_MODEL


def _fill_fracast(target: pd.DataFrame, index: Any, quantiles9: np.ndarray, quantiles: list[float]) -> None:
    """Write Fracast's 9 quantiles (0.1..0.9) into statsforecast-style columns at ``index``."""
    def column(q: float) -> np.ndarray:
        return quantiles9[:, min(8, max(0, round(q * 10) - 1))]

    target.loc[index, FRACAST] = column(0.5)
    for level in _levels(quantiles):
        target.loc[index, f"{FRACAST}-lo-{level}"] = column((1 - level / 100) / 2)
        target.loc[index, f"{FRACAST}-hi-{level}"] = column((1 + level / 100) / 2)


def _fracast_columns(cv: pd.DataFrame, frame: pd.DataFrame, horizon: int, quantiles: list[float]) -> bool:
    """Backtest Fracast on the same windows; False when it is not installed."""
    try:
        model = _fracast()
    except ImportError:
        return False
    for (item, cutoff), rows in cv.groupby(["unique_id", "cutoff"]):
        history = frame[(frame["unique_id"] == item) & (frame["ds"] <= cutoff)].sort_values("ds")["y"]
        _fill_fracast(cv, rows.index, model.forecast(history.to_numpy(np.float32), horizon=len(rows)), quantiles)
    return True


def _future_frame(frame: pd.DataFrame, frequency: str, horizon: int) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for item, part in frame.groupby("unique_id"):
        stamps = pd.date_range(part["ds"].max(), periods=horizon + 1, freq=PANDAS_FREQ[frequency])[1:]
        rows += [(item, ts) for ts in stamps]
    return pd.DataFrame(rows, columns=["unique_id", "ds"])


def _wql(y: np.ndarray, pred: np.ndarray, q: float) -> float:
    diff = y - pred
    loss = np.maximum(q * diff, (q - 1) * diff)
    return float(2 * loss.sum() / max(np.abs(y).sum(), 1e-12))


def _mase_scale(history: pd.DataFrame, season: int) -> dict[str, float]:
    scale = {}
    for item, rows in history.groupby("unique_id"):
        y = rows.sort_values("ds")["y"].to_numpy(dtype=float)
        lag = season if len(y) > season else 1
        diffs = np.abs(y[lag:] - y[:-lag])
        scale[item] = float(diffs.mean()) if len(diffs) and diffs.mean() > 0 else 1.0
    return scale
