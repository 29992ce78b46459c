"""Loaders that turn Terraform, plan JSON and CloudFormation into ResourceViews without Checkov."""
