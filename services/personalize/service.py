"""Personalize (what Amazon Personalize does): schemas, dataset groups, datasets, CSV imports from buckets,
solutions by recipe, solution versions (training with offline metrics from a time-based holdout),
campaigns, real-time recommendations and ranking, and batch inference over buckets.

Resources are built asynchronously on the resource store and survive restarts. Imported interactions
are normalised to one CSV per import; trained models are .npz files under DATA_DIR/personalize.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from pathlib import Path
from typing import Any

from models.recommend import implicit_backend as engine
from services.buckets import Buckets, S3Location, parse_s3_uri
from services.errors import InvalidRequest
from services.resources import ACTIVE, Resource, ResourceNotFound, ResourceStore
from services.shared.artifacts import Artifacts

ACCOUNT, REGION = "000000000000", "us-east-1"
SCHEMA, GROUP, DATASET, IMPORT, SOLUTION, VERSION, CAMPAIGN, BATCH = (
    "schema", "dataset-group", "dataset", "dataset-import-job", "solution", "solution-version", "campaign",
    "batch-inference-job",
)
RECIPE_PREFIX = "arn:aws:personalize:::recipe/aws-"
DATASET_TYPES = {"Interactions": {"USER_ID", "ITEM_ID", "TIMESTAMP"}, "Items": {"ITEM_ID"}, "Users": {"USER_ID"}}
NAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,62}$")
MAX_RESULTS = 500


def arn(rtype: str, *names: str) -> str:
    return f"arn:aws:personalize:{REGION}:{ACCOUNT}:{rtype}/{'/'.join(names)}"


def check_name(name: Any) -> str:
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise InvalidRequest(f"name {name!r} must be 1-63 letters, digits, '-' or '_', starting with a letter or digit")
    return name


def parse_avro(text: str) -> list[str]:
    """The field names of an Avro record schema, or InvalidRequest saying what is wrong."""
    try:
        schema = json.loads(text)
    except (TypeError, json.JSONDecodeError) as exc:
        raise InvalidRequest(f"the schema is not JSON: {exc}") from None
    if not isinstance(schema, dict) or schema.get("type") != "record" or not isinstance(schema.get("fields"), list):
        raise InvalidRequest('the schema must be an Avro record: {"type": "record", "name": ..., "fields": [...]}')
    if not schema.get("name"):
        raise InvalidRequest("an Avro record schema needs a name")
    names = []
    for field in schema["fields"]:
        if not isinstance(field, dict) or not isinstance(field.get("name"), str) or "type" not in field:
            raise InvalidRequest(f"every Avro field needs a name and a type; got {field!r}")
        names.append(field["name"])
    return names


class PersonalizeService:
    def __init__(self, store: ResourceStore, buckets: Buckets, data_dir: Path) -> None:
        self.store = store
        self.buckets = buckets
        self.artifacts = Artifacts(buckets, data_dir, "personalize")
        self._models: dict[str, engine.RecModel] = {}
        store.builders.update({IMPORT: self._build_import, VERSION: self._build_version,
                               CAMPAIGN: self._build_campaign, BATCH: self._build_batch})

    def create_schema(self, name: str, schema: str) -> Resource:
        fields = parse_avro(schema)
        return self.store.create(SCHEMA, check_name(name), arn(SCHEMA, name), {"schema": schema, "fields": fields}, [],
                                 build=False)

    def create_dataset_group(self, name: str) -> Resource:
        return self.store.create(GROUP, check_name(name), arn(GROUP, name), {}, [], build=False)

    def create_dataset(self, name: str, schema_arn: str, group_arn: str, dtype: str) -> Resource:
        check_name(name)
        schema, group = self.store.get(schema_arn, SCHEMA), self.store.get(group_arn, GROUP)
        if dtype not in DATASET_TYPES:
            raise InvalidRequest(f"datasetType must be one of {', '.join(DATASET_TYPES)}, not {dtype!r}")
        missing = DATASET_TYPES[dtype] - set(schema.params["fields"])
        if missing:
            raise InvalidRequest(f"an {dtype} schema needs the fields {sorted(missing)}")
        if any(d.params["group"] == group_arn and d.params["type"] == dtype for d in self.store.list(DATASET)):
            raise InvalidRequest(f"dataset group {group.name} already has an {dtype} dataset")
        return self.store.create(DATASET, name, arn(DATASET, group.name, dtype.upper()),
                                 {"type": dtype, "schema": schema_arn, "group": group_arn}, [schema_arn, group_arn],
                                 build=False)

    def create_import(self, name: str, dataset_arn: str, location: str) -> Resource:
        self.store.get(dataset_arn, DATASET)
        parse_s3_uri(location)
        return self.store.create(IMPORT, check_name(name), arn(IMPORT, name), {"dataset": dataset_arn, "path": location},
                                 [dataset_arn])

    def _build_import(self, job: Resource) -> dict[str, Any]:
        dataset = self.store.get(job.params["dataset"], DATASET)
        fields = self.store.get(dataset.params["schema"]).params["fields"]
        where = parse_s3_uri(job.params["path"])
        keys = [where.key] if where.key and not where.key.endswith("/") else self.buckets.list(where)
        rows: list[dict[str, str]] = []
        errors: list[str] = []
        for key in keys:
            reader = csv.DictReader(io.StringIO(self.buckets.read(S3Location(where.bucket, key)).decode("utf-8", "replace")))
            header = reader.fieldnames or []
            if set(header) - set(fields) or DATASET_TYPES[dataset.params["type"]] - set(header):
                raise InvalidRequest(f"{key}: the header {header} does not match the schema fields {fields}")
            for line_no, row in enumerate(reader, start=2):
                if None in row or any(v is None for v in row.values()):
                    errors.append(f"{key} line {line_no}: expected {len(header)} columns")
                elif dataset.params["type"] == "Interactions" and not _is_number(row["TIMESTAMP"]):
                    errors.append(f"{key} line {line_no}: TIMESTAMP {row['TIMESTAMP']!r} is not Unix epoch seconds")
                else:
                    rows.append(row)
        if errors:
            raise InvalidRequest("the data has bad rows: " + "; ".join(errors[:10]) + (f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""))
        if not rows:
            raise InvalidRequest(f"no rows found at {where.uri}")
        return {"file": self.artifacts.put(f"import-{job.name}.json", json.dumps(rows).encode()), "rows": len(rows)}

    def create_solution(self, name: str, group_arn: str, recipe_arn: str | None, config: dict[str, Any]) -> Resource:
        self.store.get(group_arn, GROUP)
        recipe_arn = recipe_arn or RECIPE_PREFIX + "user-personalization"
        recipe = recipe_arn.removeprefix(RECIPE_PREFIX)
        if not recipe_arn.startswith(RECIPE_PREFIX) or recipe not in engine.RECIPES:
            raise InvalidRequest(f"recipe {recipe_arn!r} is not available; use {', '.join(RECIPE_PREFIX + r for r in engine.RECIPES)}")
        algorithm = str((config.get("algorithmHyperParameters") or {}).get("algorithm", "als")).lower()
        if algorithm not in ("als", "bpr"):
            raise InvalidRequest("algorithmHyperParameters.algorithm must be als or bpr")
        return self.store.create(SOLUTION, check_name(name), arn(SOLUTION, name),
                                 {"group": group_arn, "recipe": recipe, "recipe_arn": recipe_arn, "algorithm": algorithm},
                                 [group_arn], build=False)

    def create_version(self, solution_arn: str) -> Resource:
        solution = self.store.get(solution_arn, SOLUTION)
        version = uuid.uuid4().hex[:8]
        return self.store.create(VERSION, f"{solution.name}-{version}", arn(SOLUTION, solution.name, version),
                                 {"solution": solution_arn}, [solution_arn])

    def _interactions(self, group_arn: str) -> list[dict[str, str]]:
        dataset = next((d for d in self.store.list(DATASET) if d.params["group"] == group_arn
                        and d.params["type"] == "Interactions"), None)
        if dataset is None:
            raise InvalidRequest(f"dataset group {group_arn} has no Interactions dataset")
        imports = [i for i in self.store.list(IMPORT) if i.params["dataset"] == dataset.arn and i.status == ACTIVE]
        if not imports:
            raise InvalidRequest(f"the Interactions dataset {dataset.arn} has no ACTIVE import job")
        return [row for i in imports for row in json.loads(self.artifacts.path(i.state["file"]).read_text())]

    def _build_version(self, version: Resource) -> dict[str, Any]:
        solution = self.store.get(version.params["solution"], SOLUTION)
        rows = self._interactions(solution.params["group"])
        users, items = [r["USER_ID"] for r in rows], [r["ITEM_ID"] for r in rows]
        times = [float(r["TIMESTAMP"]) for r in rows]
        recipe, algorithm = solution.params["recipe"], solution.params["algorithm"]
        metrics = engine.evaluate(users, items, times, recipe, algorithm)
        model = engine.train(users, items, recipe, algorithm)  # the served model learns from everything
        target = self.artifacts.scratch(f"model-{version.name}.npz")
        model.save(target)
        return {"file": self.artifacts.put_file(target.name, target), "metrics": metrics, "users": len(model.users), "items": len(model.items)}

    def create_campaign(self, name: str, version_arn: str) -> Resource:
        version = self.store.get(version_arn, VERSION)
        if version.status != ACTIVE:
            raise InvalidRequest(f"solution version {version_arn} is {version.status}; wait until it is ACTIVE")
        return self.store.create(CAMPAIGN, check_name(name), arn(CAMPAIGN, name), {"version": version_arn}, [version_arn])

    def _build_campaign(self, campaign: Resource) -> dict[str, Any]:
        self._model(self.store.get(campaign.params["version"], VERSION))  # loads, so a broken model fails here
        return {}

    def _model(self, version: Resource) -> engine.RecModel:
        if version.arn not in self._models:
            self._models[version.arn] = engine.RecModel.load(self.artifacts.path(version.state["file"]))
        return self._models[version.arn]

    def _campaign_model(self, campaign_arn: str) -> tuple[engine.RecModel, str]:
        campaign = self.store.get(campaign_arn, CAMPAIGN)
        if campaign.status != ACTIVE:
            raise InvalidRequest(f"campaign {campaign_arn} is {campaign.status}; use it once it is ACTIVE")
        version = self.store.get(campaign.params["version"], VERSION)
        return self._model(version), version.params["solution"]

    def recommendations(self, campaign_arn: str, user_id: str | None, item_id: str | None, n: int) -> dict[str, Any]:
        """Items for a user (their history excluded; an unknown user gets popular items, flagged), or items
        similar to an item for the similar-items recipe."""
        if not 1 <= n <= MAX_RESULTS:
            raise InvalidRequest(f"numResults must be between 1 and {MAX_RESULTS}")
        model, _ = self._campaign_model(campaign_arn)
        if model.recipe == "similar-items":
            if not item_id:
                raise InvalidRequest("this campaign uses aws-similar-items: send an itemId")
            found, cold = model.similar(item_id, n), False
            if not found:
                raise ResourceNotFound(f"item {item_id!r} is not in the training data")
        else:
            if not user_id:
                raise InvalidRequest("send a userId")
            found, cold = model.recommend(user_id, n)
        result = {"itemList": [{"itemId": t, "score": s} for t, s in found], "recommendationId": f"RID-{uuid.uuid4()}"}
        if cold:
            result["coldStart"] = True
        return result

    def ranking(self, campaign_arn: str, user_id: str, items: list[str]) -> dict[str, Any]:
        if not items or len(items) > MAX_RESULTS:
            raise InvalidRequest(f"inputList must hold 1 to {MAX_RESULTS} item ids")
        model, _ = self._campaign_model(campaign_arn)
        return {"personalizedRanking": [{"itemId": t, "score": s} for t, s in model.rank(user_id, items)],
                "recommendationId": f"RID-{uuid.uuid4()}"}

    def create_batch(self, name: str, version_arn: str, source: str, destination: str, n: int) -> Resource:
        self.store.get(version_arn, VERSION)
        parse_s3_uri(source)
        parse_s3_uri(destination)
        params = {"version": version_arn, "source": source, "destination": destination, "n": n}
        return self.store.create(BATCH, check_name(name), arn(BATCH, name), params, [version_arn])

    def _build_batch(self, job: Resource) -> dict[str, Any]:
        """JSON lines of {"userId"} (or {"itemId"}) in; {"input", "output": {"recommendedItems", "scores"}} out."""
        model = self._model(self.store.get(job.params["version"], VERSION))
        source = parse_s3_uri(job.params["source"])
        lines_out = []
        for line_no, line in enumerate(self.buckets.read(source).decode("utf-8", "replace").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                query = json.loads(line)
            except json.JSONDecodeError:
                raise InvalidRequest(f"{source.uri} line {line_no} is not JSON") from None
            if model.recipe == "similar-items":
                found, error = model.similar(str(query.get("itemId", "")), job.params["n"]), None
            else:
                found, error = model.recommend(str(query.get("userId", "")), job.params["n"])[0], None
            out = {"recommendedItems": [t for t, _ in found], "scores": [s for _, s in found]}
            lines_out.append(json.dumps({"input": query, "output": out, "error": error}))
        target = parse_s3_uri(job.params["destination"]).child(source.key.rsplit("/", 1)[-1] + ".out")
        self.buckets.write(target, ("\n".join(lines_out) + "\n").encode())
        return {"file": target.uri, "queries": len(lines_out)}


def _is_number(text: str) -> bool:
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True
