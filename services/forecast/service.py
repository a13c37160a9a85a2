"""Forecast (what Amazon Forecast does): dataset groups, datasets, CSV imports from buckets, auto
predictors chosen by backtest, forecasts with quantiles, queries and exports to buckets.

Every resource is built asynchronously on the resource store (CREATE_PENDING → ACTIVE or CREATE_FAILED
with a message) and survives restarts. Imported data is normalised to one CSV per import job under
DATA_DIR/forecast; forecasts are stored as JSON there too.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.forecast import statsforecast_backend as engine
from services.buckets import Buckets, parse_s3_uri
from services.errors import InvalidRequest
from services.jobs.worker_pool import WorkerPool
from services.resources import ACTIVE, Resource, ResourceNotFound, ResourceStore
from services.shared.artifacts import Artifacts

if TYPE_CHECKING:  # imported where the data is read, not by every start of the server
    import pandas as pd

ACCOUNT, REGION = "000000000000", "us-east-1"
MAX_HORIZON = 500
TIMESTAMP_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S")
FREQ_ALIASES = {"1min": "min", "1H": "H", "1D": "D", "1W": "W", "1M": "M", "1Q": "Q", "1Y": "Y"}
REQUIRED_ATTRIBUTES = {"item_id", "timestamp", "target_value"}
NAME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]{0,62}$")

DATASET_GROUP, DATASET, IMPORT, PREDICTOR, FORECAST, EXPORT = (
    "dataset-group", "dataset", "dataset-import-job", "predictor", "forecast", "forecast-export-job",
)


def arn(rtype: str, *names: str) -> str:
    return f"arn:aws:forecast:{REGION}:{ACCOUNT}:{rtype}/{'/'.join(names)}"


def check_name(name: Any, what: str) -> str:
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise InvalidRequest(f"{what} {name!r} must start with a letter and hold only letters, digits and _ (max 63)")
    return name


def frequency(value: str) -> str:
    value = FREQ_ALIASES.get(value, value)
    if value not in engine.SEASON:
        raise InvalidRequest(f"frequency {value!r} is not supported; use one of {', '.join(engine.SEASON)}")
    return value


class ForecastService:
    def __init__(self, store: ResourceStore, buckets: Buckets, data_dir: Path) -> None:
        self.store = store
        self.buckets = buckets
        self.dir = data_dir / "forecast"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.artifacts = Artifacts(buckets, data_dir, "forecast")
        store.builders.update({
            IMPORT: self._build_import, PREDICTOR: self._build_predictor,
            FORECAST: self._build_forecast, EXPORT: self._build_export,
        })
        # Training runs in a spawned process: statsforecast's n_jobs forks, and forking this threaded server
        # deadlocks (seen: the e2e flow hung); a spawned worker has no threads to inherit, and its CPU work
        # stays off the server's GIL. It dies with the server, and builds never overlap (jobs/worker_pool.py).
        self.workers = WorkerPool(self.dir / "training.lock")

    def close(self) -> None:
        self.workers.close()

    # dataset groups and datasets (created at once, no build) ------------------------------------------

    def create_dataset_group(self, name: str, domain: str, dataset_arns: list[str]) -> Resource:
        check_name(name, "DatasetGroupName")
        for a in dataset_arns:
            self.store.get(a, DATASET)
        return self.store.create(DATASET_GROUP, name, arn(DATASET_GROUP, name), {"domain": domain,
                                 "datasets": dataset_arns}, dataset_arns, build=False)

    def update_dataset_group(self, group_arn: str, dataset_arns: list[str]) -> None:
        self.store.get(group_arn, DATASET_GROUP)
        for a in dataset_arns:
            self.store.get(a, DATASET)
        group = self.store.get(group_arn)
        self.store.update(group_arn, params={**group.params, "datasets": dataset_arns}, depends_on=dataset_arns)

    def create_dataset(self, name: str, domain: str, dtype: str, freq: str | None, attributes: list[dict[str, str]]) -> Resource:
        check_name(name, "DatasetName")
        if dtype != "TARGET_TIME_SERIES":
            raise InvalidRequest(f"DatasetType {dtype!r} is not supported; use TARGET_TIME_SERIES")
        names = [a.get("AttributeName") for a in attributes]
        missing = REQUIRED_ATTRIBUTES - set(names)
        if missing:
            raise InvalidRequest(f"the schema lacks {sorted(missing)}; TARGET_TIME_SERIES needs item_id, timestamp, target_value")
        params = {"domain": domain, "type": dtype, "frequency": frequency(freq) if freq else None, "attributes": attributes}
        return self.store.create(DATASET, name, arn(DATASET, name), params, [], build=False)

    # imports ----------------------------------------------------------------------------------------

    def create_import(self, name: str, dataset_arn: str, path: str, timestamp_format: str | None) -> Resource:
        check_name(name, "DatasetImportJobName")
        dataset = self.store.get(dataset_arn, DATASET)
        parse_s3_uri(path)
        params = {"dataset": dataset_arn, "path": path, "timestamp_format": timestamp_format}
        return self.store.create(IMPORT, name, arn(IMPORT, dataset.name, name), params, [dataset_arn])

    def _build_import(self, job: Resource) -> dict[str, Any]:
        dataset = self.store.get(job.params["dataset"], DATASET)
        location = parse_s3_uri(job.params["path"])
        keys = [location.key] if location.key and not location.key.endswith("/") else self.buckets.list(location)
        columns = [a["AttributeName"] for a in dataset.params["attributes"]]
        rows: list[tuple[str, datetime, float]] = []
        errors: list[str] = []
        for key in keys:
            raw = self.buckets.read(type(location)(location.bucket, key)).decode("utf-8", errors="replace")
            rows += parse_rows(raw, columns, key, errors)
        if errors:
            more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
            raise InvalidRequest("the data has bad rows: " + "; ".join(errors[:10]) + more)
        if not rows:
            raise InvalidRequest(f"no rows found under {location.uri}")
        import pandas as pd

        frame = pd.DataFrame(rows, columns=["unique_id", "ds", "y"])
        target = self.artifacts.scratch(f"import-{job.arn.rsplit('/', 2)[-2]}-{job.name}.csv")
        frame.to_csv(target, index=False)
        return {"file": self.artifacts.put_file(target.name, target), "rows": len(frame),
                "items": int(frame["unique_id"].nunique())}

    # predictors --------------------------------------------------------------------------------------

    def create_auto_predictor(self, name: str, group_arn: str, horizon: int, types: list[str], freq: str | None) -> Resource:
        check_name(name, "PredictorName")
        group = self.store.get(group_arn, DATASET_GROUP)
        if not isinstance(horizon, int) or not 1 <= horizon <= MAX_HORIZON:
            raise InvalidRequest(f"ForecastHorizon must be between 1 and {MAX_HORIZON}, not {horizon!r}")
        quantiles = quantile_list(types)
        dataset = self._target_dataset(group)
        freq = frequency(freq or dataset.params.get("frequency") or "")
        imports = [i for i in self.store.list(IMPORT) if i.params["dataset"] == dataset.arn and i.status == ACTIVE]
        if not imports:
            raise InvalidRequest(f"dataset {dataset.arn} has no ACTIVE import job; import data first")
        params = {"group": group_arn, "horizon": horizon, "quantiles": quantiles, "frequency": freq,
                  "import": imports[-1].arn, "types": types or ["0.1", "0.5", "0.9"]}
        return self.store.create(PREDICTOR, name, arn(PREDICTOR, name), params, [group_arn])

    def _target_dataset(self, group: Resource) -> Resource:
        for dataset_arn in group.params["datasets"]:
            dataset = self.store.get(dataset_arn, DATASET)
            if dataset.params["type"] == "TARGET_TIME_SERIES":
                return dataset
        raise InvalidRequest(f"dataset group {group.arn} has no TARGET_TIME_SERIES dataset")

    def _build_predictor(self, predictor: Resource) -> dict[str, Any]:
        p = predictor.params
        data = str(self._import_file(p["import"]))
        return self.workers.submit(train_predictor, data, p["frequency"], p["horizon"], p["quantiles"]).result()

    # forecasts, queries, exports --------------------------------------------------------------------

    def create_forecast(self, name: str, predictor_arn: str, types: list[str] | None) -> Resource:
        check_name(name, "ForecastName")
        predictor = self.store.get(predictor_arn, PREDICTOR)
        if predictor.status != ACTIVE:
            raise InvalidRequest(f"predictor {predictor_arn} is {predictor.status}; wait until it is ACTIVE")
        params = {"predictor": predictor_arn, "types": types or predictor.params["types"],
                  "quantiles": quantile_list(types or predictor.params["types"])}
        return self.store.create(FORECAST, name, arn(FORECAST, name), params, [predictor_arn])

    def _build_forecast(self, fc: Resource) -> dict[str, Any]:
        p = self.store.get(fc.params["predictor"], PREDICTOR)
        data = str(self._import_file(p.params["import"]))
        values = self.workers.submit(make_forecast, data, p.params["frequency"], p.params["horizon"],
                                    fc.params["quantiles"], p.state["chosen"]).result()
        series = {item: {statistic(q): points for q, points in by_q.items()} for item, by_q in values.items()}
        return {"file": self.artifacts.put(f"forecast-{fc.name}.json", json.dumps(series).encode()), "items": len(series)}

    def _import_file(self, import_arn: str) -> Path:
        return self.artifacts.path(self.store.get(import_arn, IMPORT).state["file"])

    def query(self, forecast_arn: str, filters: dict[str, str], start: str | None, end: str | None) -> dict[str, list[dict[str, Any]]]:
        if set(filters) != {"item_id"}:
            raise InvalidRequest("Filters must name exactly one item: {\"item_id\": \"...\"}")
        series = self._series(forecast_arn).get(str(filters["item_id"]))
        if series is None:
            raise ResourceNotFound(f"the forecast has no item {filters['item_id']!r}")
        return {
            stat: [{"Timestamp": ts, "Value": v} for ts, v in points if (not start or ts >= start) and (not end or ts <= end)]
            for stat, points in series.items()
        }

    def items(self, forecast_arn: str, limit: int) -> tuple[list[str], int]:
        """The first ``limit`` item ids a forecast covers (sorted) and how many it covers in all."""
        found = sorted(self._series(forecast_arn))
        return found[:limit], len(found)

    def history(self, forecast_arn: str, item_id: str, last: int) -> list[tuple[str, float]]:
        """The item's observed values at the forecast's frequency (the last ``last`` periods), as the
        predictor saw them: aggregated per period, gaps filled with 0."""
        predictor = self.store.get(self.store.get(forecast_arn, FORECAST).params["predictor"], PREDICTOR)
        frame = load_frame(str(self._import_file(predictor.params["import"])), predictor.params["frequency"])
        rows = frame[frame["unique_id"] == str(item_id)].tail(last)
        return [(ts.strftime("%Y-%m-%dT%H:%M:%S"), float(y)) for ts, y in zip(rows["ds"], rows["y"], strict=True)]

    def _series(self, forecast_arn: str) -> dict[str, Any]:
        fc = self.store.get(forecast_arn, FORECAST)
        if fc.status != ACTIVE:
            raise InvalidRequest(f"forecast {forecast_arn} is {fc.status}; query it once it is ACTIVE")
        return json.loads(self.artifacts.path(fc.state["file"]).read_text())

    def create_export(self, name: str, forecast_arn: str, path: str) -> Resource:
        check_name(name, "ForecastExportJobName")
        fc = self.store.get(forecast_arn, FORECAST)
        parse_s3_uri(path)
        return self.store.create(EXPORT, name, arn(EXPORT, fc.name, name), {"forecast": forecast_arn, "path": path},
                                 [forecast_arn])

    def _build_export(self, export: Resource) -> dict[str, Any]:
        fc = self.store.get(export.params["forecast"], FORECAST)
        series = json.loads(self.artifacts.path(fc.state["file"]).read_text())
        stats = sorted(next(iter(series.values())).keys()) if series else []
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["item_id", "date", *stats])
        for item, by_stat in sorted(series.items()):
            for i, (ts, _) in enumerate(by_stat[stats[0]]):
                writer.writerow([item, ts, *(f"{by_stat[s][i][1]:.6g}" for s in stats)])
        target = parse_s3_uri(export.params["path"]).child(f"{export.name}_part0.csv")
        self.buckets.write(target, out.getvalue().encode())
        return {"file": target.uri}


def load_frame(path: str, freq: str) -> pd.DataFrame:
    """An import's rows aggregated to the forecast frequency, missing periods filled with 0 (as Forecast does)."""
    import pandas as pd

    frame = pd.read_csv(path, parse_dates=["ds"])
    frame["unique_id"] = frame["unique_id"].astype(str)
    grouped = frame.set_index("ds").groupby("unique_id")["y"].resample(engine.PANDAS_FREQ[freq]).sum()
    return grouped.reset_index()[["unique_id", "ds", "y"]]


def train_predictor(path: str, freq: str, horizon: int, quantiles: list[float]) -> dict[str, Any]:
    """Runs in the training process."""
    try:
        result = engine.backtest(load_frame(path, freq), freq, horizon, quantiles)
    except engine.ForecastInputError as exc:
        raise InvalidRequest(str(exc)) from None
    return {"chosen": result.chosen, "metrics": result.metrics, "window_start": result.window_start,
            "window_end": result.window_end, "items": result.items, "windows": result.windows}


def make_forecast(path: str, freq: str, horizon: int, quantiles: list[float], chosen: dict[str, str]) -> Any:
    """Runs in the training process."""
    return engine.forecast(load_frame(path, freq), freq, horizon, quantiles, chosen)


def statistic(q: float) -> str:
    """Forecast's name for a quantile: 0.1 -> p10, 0.5 -> p50."""
    return f"p{round(q * 100)}"


def quantile_list(types: list[str] | None) -> list[float]:
    out = []
    for t in types or ["0.1", "0.5", "0.9"]:
        try:
            q = float(t)
        except (TypeError, ValueError):
            raise InvalidRequest(f"ForecastTypes must be quantiles like \"0.1\", not {t!r}") from None
        if not 0.01 <= q <= 0.99:
            raise InvalidRequest(f"quantile {t!r} must be between 0.01 and 0.99")
        out.append(round(q, 4))
    if 0.5 not in out:
        out.append(0.5)  # the point forecast is always computed
    return sorted(set(out))


def parse_rows(raw: str, columns: list[str], key: str, errors: list[str]) -> list[tuple[str, datetime, float]]:
    """Rows of (item_id, timestamp, target_value) in schema column order; bad rows reported by line."""
    index = {name: columns.index(name) for name in REQUIRED_ATTRIBUTES}
    rows = []
    for line_no, row in enumerate(csv.reader(io.StringIO(raw)), start=1):
        if not row or (line_no == 1 and [c.strip() for c in row] == columns):
            continue  # blank line, or a header naming the schema's attributes
        if len(row) != len(columns):
            errors.append(f"{key} line {line_no}: expected {len(columns)} columns ({', '.join(columns)}), found {len(row)}")
            continue
        stamp = parse_timestamp(row[index["timestamp"]].strip())
        if stamp is None:
            errors.append(f"{key} line {line_no}: timestamp {row[index['timestamp']]!r} is not yyyy-MM-dd[ HH:mm:ss]")
            continue
        try:
            value = float(row[index["target_value"]])
        except ValueError:
            errors.append(f"{key} line {line_no}: target_value {row[index['target_value']]!r} is not a number")
            continue
        rows.append((row[index["item_id"]].strip(), stamp, value))
    return rows


def parse_timestamp(text: str) -> datetime | None:
    for fmt in TIMESTAMP_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None
