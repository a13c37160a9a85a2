"""What each AI service means, between the gateway and the models."""

ACCOUNT = "000000000000"  # the AWS account id in every ARN and output folder name Cirrus makes
