"""Forecast (what Amazon Forecast does): datasets, imports, auto predictors, forecasts, queries, exports."""
