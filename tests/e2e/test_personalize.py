"""Amazon Personalize through unmodified boto3: schema → dataset → import → solution → version →
campaign → get_recommendations (personalize-runtime), on interactions with planted taste groups."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import boto3
import numpy as np
import pytest
from botocore.exceptions import ClientError

SCHEMA = json.dumps({"type": "record", "name": "Interactions", "namespace": "com.amazonaws.personalize.schema",
                     "fields": [{"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"},
                                {"name": "TIMESTAMP", "type": "long"}], "version": "1.0"})
GROUPS, USERS_PER_GROUP, ITEMS_PER_GROUP, EVENTS = 3, 60, 50, 30


def group_of_item(item: str) -> int:
    return int(item[1:]) // ITEMS_PER_GROUP


def interactions() -> str:
    """Each user mostly (85%) interacts with its group's items; a few popular items are shared."""
    rng = np.random.default_rng(7)
    lines = ["USER_ID,ITEM_ID,TIMESTAMP"]
    t = 1_700_000_000
    for _ in range(EVENTS):
        for u in range(GROUPS * USERS_PER_GROUP):
            g = u % GROUPS
            if rng.random() < 0.85:
                item = g * ITEMS_PER_GROUP + int(rng.integers(0, ITEMS_PER_GROUP))
            else:
                item = int(rng.integers(0, 5))  # a few globally popular items (group 0's first five)
            t += 1
            lines.append(f"u{u},i{item},{t}")
    return "\n".join(lines) + "\n"


def wait(call: Any, key: str, **kw: Any) -> dict[str, Any]:
    for _ in range(1200):
        r = call(**kw)[key]
        if r["status"] in ("ACTIVE", "CREATE_FAILED"):
            return r
        time.sleep(0.1)
    raise AssertionError(r)


def clients(url: str) -> tuple[Any, Any]:
    kw = {"endpoint_url": url, "region_name": "us-east-1", "aws_access_key_id": "x", "aws_secret_access_key": "y"}
    return boto3.client("personalize", **kw), boto3.client("personalize-runtime", **kw)


def train(p: Any, group: str, name: str, recipe: str) -> tuple[str, dict[str, float]]:
    solution = p.create_solution(name=name, datasetGroupArn=group, recipeArn=f"arn:aws:personalize:::recipe/aws-{recipe}")
    version = p.create_solution_version(solutionArn=solution["solutionArn"])["solutionVersionArn"]
    assert wait(p.describe_solution_version, "solutionVersion", solutionVersionArn=version)["status"] == "ACTIVE"
    return version, p.get_solution_metrics(solutionVersionArn=version)["metrics"]


def test_personalize_flow(server_with_dir: tuple[str, Path]) -> None:
    url, data_dir = server_with_dir
    bucket = data_dir / "buckets" / "shop"
    bucket.mkdir(parents=True)
    (bucket / "interactions.csv").write_text(interactions())
    p, runtime = clients(url)

    schema = p.create_schema(name="interactions", schema=SCHEMA)["schemaArn"]
    group = p.create_dataset_group(name="shop")["datasetGroupArn"]
    dataset = p.create_dataset(name="events", schemaArn=schema, datasetGroupArn=group, datasetType="Interactions")["datasetArn"]
    job = p.create_dataset_import_job(jobName="first", datasetArn=dataset,
                                      dataSource={"dataLocation": "s3://shop/interactions.csv"},
                                      roleArn="arn:aws:iam::000000000000:role/cirrus")["datasetImportJobArn"]
    assert wait(p.describe_dataset_import_job, "datasetImportJob", datasetImportJobArn=job)["status"] == "ACTIVE"

    personal, personal_metrics = train(p, group, "personal", "user-personalization")
    _, popular_metrics = train(p, group, "popular", "popularity-count")
    print("user-personalization", personal_metrics, "popularity", popular_metrics)
    assert personal_metrics["precision_at_10"] > popular_metrics["precision_at_10"], (personal_metrics, popular_metrics)
    assert set(personal_metrics) >= {"coverage", "mean_reciprocal_rank_at_25", "normalized_discounted_cumulative_gain_at_10"}

    campaign = p.create_campaign(name="live", solutionVersionArn=personal)["campaignArn"]
    assert wait(p.describe_campaign, "campaign", campaignArn=campaign)["status"] == "ACTIVE"
    history = {line.split(",")[1] for line in interactions().splitlines()[1:] if line.startswith("u4,")}
    recs = runtime.get_recommendations(campaignArn=campaign, userId="u4", numResults=10)  # u4 is in group 1
    items = [r["itemId"] for r in recs["itemList"]]
    assert len(items) == 10 and recs["recommendationId"]
    assert not set(items) & history  # nothing the user already interacted with
    assert sum(group_of_item(i) == 1 for i in items) >= 8  # the user's own taste group

    # i20 and i110 belong to the other groups (and are not among the shared popular items i0-i4)
    ranked = runtime.get_personalized_ranking(campaignArn=campaign, userId="u4", inputList=["i20", "i110", "i60"])
    assert ranked["personalizedRanking"][0]["itemId"] == "i60"  # the group-1 item first

    counts = Counter(line.split(",")[1] for line in interactions().splitlines()[1:])
    cold = runtime.get_recommendations(campaignArn=campaign, userId="never-seen", numResults=5)
    assert [r["itemId"] for r in cold["itemList"]] == [item for item, _ in counts.most_common(5)]  # popularity

    (bucket / "users.jsonl").write_text('{"userId": "u4"}\n{"userId": "u5"}\n')
    batch = p.create_batch_inference_job(
        jobName="nightly", solutionVersionArn=personal, roleArn="arn:aws:iam::000000000000:role/cirrus", numResults=5,
        jobInput={"s3DataSource": {"path": "s3://shop/users.jsonl"}},
        jobOutput={"s3DataDestination": {"path": "s3://shop/batch-out/"}},
    )["batchInferenceJobArn"]
    assert wait(p.describe_batch_inference_job, "batchInferenceJob", batchInferenceJobArn=batch)["status"] == "ACTIVE"
    out = [json.loads(x) for x in (bucket / "batch-out" / "users.jsonl.out").read_text().splitlines()]
    assert [o["input"]["userId"] for o in out] == ["u4", "u5"] and all(len(o["output"]["recommendedItems"]) == 5 for o in out)


def test_personalize_bad_input(server_with_dir: tuple[str, Path]) -> None:
    url, data_dir = server_with_dir
    p, runtime = clients(url)
    for bad in ("not json", json.dumps({"type": "enum", "name": "x"}), json.dumps({"type": "record", "fields": [{"name": "a"}]})):
        with pytest.raises(ClientError) as info:
            p.create_schema(name="bad", schema=bad)
        assert info.value.response["Error"]["Code"] == "InvalidInputException"
    schema = p.create_schema(name="ok", schema=SCHEMA)["schemaArn"]
    with pytest.raises(ClientError) as info:
        p.create_schema(name="ok", schema=SCHEMA)
    assert info.value.response["Error"]["Code"] == "ResourceAlreadyExistsException"
    group = p.create_dataset_group(name="badgroup")["datasetGroupArn"]
    dataset = p.create_dataset(name="badevents", schemaArn=schema, datasetGroupArn=group, datasetType="Interactions")["datasetArn"]
    with pytest.raises(ClientError) as info:
        p.delete_dataset_group(datasetGroupArn=group)  # the dataset uses it
    assert info.value.response["Error"]["Code"] == "ResourceInUseException"
    bucket = data_dir / "buckets" / "badshop"
    bucket.mkdir(parents=True)
    (bucket / "rows.csv").write_text("USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,100\nu2,i2,yesterday\nu3,i3\n")
    job = p.create_dataset_import_job(jobName="badrows", datasetArn=dataset, dataSource={"dataLocation": "s3://badshop/rows.csv"},
                                      roleArn="arn:aws:iam::000000000000:role/cirrus")["datasetImportJobArn"]
    failed = wait(p.describe_dataset_import_job, "datasetImportJob", datasetImportJobArn=job)
    assert failed["status"] == "CREATE_FAILED" and "line 3" in failed["failureReason"] and "line 4" in failed["failureReason"]
    with pytest.raises(ClientError) as info:
        p.create_solution(name="nope", datasetGroupArn=group, recipeArn="arn:aws:personalize:::recipe/aws-magic")
    assert info.value.response["Error"]["Code"] == "InvalidInputException"
    with pytest.raises(ClientError) as info:
        runtime.get_recommendations(campaignArn="arn:aws:personalize:us-east-1:000000000000:campaign/none", userId="u1")
    assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"
