"""Personalize (what Amazon Personalize does): datasets, solutions, campaigns, recommendations, batch jobs."""
