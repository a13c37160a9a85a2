"""The forecasting backend: candidates, per-item choice, quantile order, Croston for intermittent data,
and the packaged neural model."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.forecast import statsforecast_backend as fb


def frame(values: dict[str, np.ndarray], freq: str = "D") -> pd.DataFrame:
    parts = [pd.DataFrame({"unique_id": k, "ds": pd.date_range("2024-01-01", periods=len(v), freq=freq), "y": v})
             for k, v in values.items()]
    return pd.concat(parts, ignore_index=True)


def test_intermittent_series_bring_croston_and_every_candidate_is_scored() -> None:
    rng = np.random.default_rng(0)
    sparse = np.where(rng.random(120) < 0.2, rng.integers(1, 5, 120), 0).astype(float)
    result = fb.backtest(frame({"spares": sparse}), "D", 7, [0.1, 0.5, 0.9])
    assert {"AutoARIMA", "AutoETS", "AutoTheta", "SeasonalNaive", "CrostonSBA", "Fracast", "AutoPredictor"} <= set(result.metrics)
    assert result.windows == 3 and set(result.chosen) == {"spares"}
    for m in result.metrics.values():
        assert set(m) >= {"WAPE", "RMSE", "MAPE", "MASE", "WeightedQuantileLosses", "AverageWeightedQuantileLoss"}


def test_forecast_with_the_neural_model_only() -> None:
    t = np.arange(200)
    data = frame({"a": 50 + 10 * np.sin(2 * np.pi * t / 7)})
    out = fb.forecast(data, "D", 10, [0.1, 0.5, 0.9], {"a": "Fracast"})
    p10, p50, p90 = (np.array([v for _, v in out["a"][q]]) for q in (0.1, 0.5, 0.9))
    assert len(p50) == 10 and np.all(p10 <= p50) and np.all(p50 <= p90)
    assert out["a"][0.5][0][0] == "2024-07-19T00:00:00"  # the day after the last of 200 days
    assert np.all(np.abs(p50 - 50) < 25)  # a sine around 50 stays around 50


def test_too_short_series_are_refused_with_what_to_change() -> None:
    with pytest.raises(fb.ForecastInputError, match="at least"):
        fb.backtest(frame({"a": np.ones(10)}), "D", 7, [0.5])
    with pytest.raises(fb.ForecastInputError, match="frequency"):
        fb.check(frame({"a": np.ones(50)}), "fortnight", 7)
