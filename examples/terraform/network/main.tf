# Network boundary examples (issue 4): VPC endpoint policies (M4), outbound internet (M5),
# VPC-only compute and public switches (M7). good_* resources pass; bad_* are in golden.yaml.

variable "endpoint_policy" {
  description = "no default: the policy is unknown before deploy"
  type        = string
}

variable "gateway_id" {
  type = string
}

variable "db_public" {
  type = bool
}

locals {
  org_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "*"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5", "aws:ResourceOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

# ---------------------------------------------------------------- M4 VPC endpoint policies

resource "aws_vpc_endpoint" "good_s3_org_policy" {
  vpc_id       = "vpc-0a1b2c3d4e5f60001"
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = local.org_policy
}

resource "aws_vpc_endpoint" "bad_s3_no_policy" {
  vpc_id       = "vpc-0a1b2c3d4e5f60001"
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc_endpoint" "good_gwlb_takes_no_policy" {
  vpc_id            = "vpc-0a1b2c3d4e5f60001"
  service_name      = "com.amazonaws.vpce.eu-west-1.vpce-svc-0a1b2c3d4e5f60001"
  vpc_endpoint_type = "GatewayLoadBalancer"
}

# Judged by the separate aws_vpc_endpoint_policy below: not missing a policy.
resource "aws_vpc_endpoint" "good_sqs_policy_attached_separately" {
  vpc_id            = "vpc-0a1b2c3d4e5f60001"
  service_name      = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint_policy" "bad_sqs_public" {
  vpc_endpoint_id = aws_vpc_endpoint.good_sqs_policy_attached_separately.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:*", Resource = "*" }]
  })
}

resource "aws_vpc_endpoint" "good_kms_policy_attached_separately" {
  vpc_id            = "vpc-0a1b2c3d4e5f60001"
  service_name      = "com.amazonaws.eu-west-1.kms"
  vpc_endpoint_type = "Interface"
}

resource "aws_vpc_endpoint_policy" "good_kms_org" {
  vpc_endpoint_id = aws_vpc_endpoint.good_kms_policy_attached_separately.id
  policy          = local.org_policy
}

resource "aws_vpc_endpoint" "bad_ecr_any_resource" {
  vpc_id            = "vpc-0a1b2c3d4e5f60001"
  service_name      = "com.amazonaws.eu-west-1.ecr.api"
  vpc_endpoint_type = "Interface"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "ecr:*"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_vpc_endpoint" "bad_unresolved_policy" {
  vpc_id       = "vpc-0a1b2c3d4e5f60001"
  service_name = "com.amazonaws.eu-west-1.dynamodb"
  policy       = var.endpoint_policy
}

# AWS's reference S3 endpoint policy (data-perimeter-policy-examples), placeholders filled.
resource "aws_vpc_endpoint" "good_aws_reference_s3" {
  vpc_id       = "vpc-0a1b2c3d4e5f60001"
  service_name = "com.amazonaws.eu-west-1.s3"
  policy       = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowRequestsByOrgsIdentitiesToOrgsResources",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:PrincipalOrgID": "o-a1b2c3d4e5",
          "aws:ResourceOrgID": "o-a1b2c3d4e5"
        }
      }
    },
    {
      "Sid": "AllowRequestsByAWSServicePrincipals",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "Bool": {
          "aws:PrincipalIsAWSService": "true"
        }
      }
    },
    {
      "Sid": "AllowRequestsByOrgsIdentitiesToAWSResources",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:ResourceAccount": "999999999999",
          "aws:PrincipalOrgID": "o-a1b2c3d4e5"
        }
      }
    },
    {
      "Sid": "AllowRequestsToAWSOwnedResources",
      "Effect": "Allow",
      "Principal": "*",
      "Action": [
        "s3:GetObject",
        "s3:ListBucket"
      ],
      "Resource": [
        "arn:aws:s3:::packages.eu-west-1.amazonaws.com/*",
        "arn:aws:s3:::repo.eu-west-1.amazonaws.com/*",
        "arn:aws:s3:::amazonlinux.eu-west-1.amazonaws.com/*",
        "arn:aws:s3:::amazonlinux-2-repos-eu-west-1/*",
        "arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*",
        "arn:aws:s3:::al2023-eu-west-1/*",
        "arn:aws:s3:::repo.eu-west-1.emr.amazonaws.com/*",
        "arn:aws:s3:::prod.eu-west-1.appinfo.src/*",
        "arn:aws:s3:::aws-ssm-eu-west-1/*",
        "arn:aws:s3:::aws-windows-downloads-eu-west-1/*",
        "arn:aws:s3:::amazon-ssm-eu-west-1/*",
        "arn:aws:s3:::amazon-ssm-packages-eu-west-1/*",
        "arn:aws:s3:::eu-west-1-birdwatcher-prod/*",
        "arn:aws:s3:::aws-ssm-distributor-file-eu-west-1/*",
        "arn:aws:s3:::aws-ssm-document-attachments-eu-west-1/*",
        "arn:aws:s3:::patch-baseline-snapshot-eu-west-1/*",
        "arn:aws:s3:::aws-patchmanager-macos-eu-west-1/*",
        "arn:aws:s3:::amazoncloudwatch-agent-eu-west-1/*",
        "arn:aws:s3:::amazoncloudwatch-agent/*",
        "arn:aws:s3:::aws-codedeploy-eu-west-1/*",
        "arn:aws:s3:::ec2imagebuilder-toe-eu-west-1-prod/*",
        "arn:aws:s3:::ec2imagebuilder-managed-resources-eu-west-1-prod/components/*",
        "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*",
        "arn:aws:s3:::aws-mgn-clients-eu-west-1/*",
        "arn:aws:s3:::aws-mgn-clients-hashes-eu-west-1/*",
        "arn:aws:s3:::aws-mgn-internal-eu-west-1/*",
        "arn:aws:s3:::aws-mgn-internal-hashes-eu-west-1/*",
        "arn:aws:s3:::aws-application-migration-service-eu-west-1/*",
        "arn:aws:s3:::aws-application-migration-service-hashes-eu-west-1/*",
        "arn:aws:s3:::aws-drs-clients-eu-west-1/*",
        "arn:aws:s3:::aws-drs-clients-hashes-eu-west-1/*",
        "arn:aws:s3:::aws-drs-internal-eu-west-1/*",
        "arn:aws:s3:::aws-drs-internal-hashes-eu-west-1/*",
        "arn:aws:s3:::aws-elastic-disaster-recovery-eu-west-1/*",
        "arn:aws:s3:::aws-elastic-disaster-recovery-hashes-eu-west-1/*",
        "arn:aws:s3:::cloudformation-waitcondition-eu-west-1/*",
        "arn:aws:s3:::cloudformation-custom-resource-response-euwest1/*",
        "arn:aws:s3:::aws-ec2-enclave-certificate-eu-west-1-prod/*",
        "arn:aws:s3:::assets-123456789012-eu-west-1/*",
        "arn:aws:s3:::elasticbeanstalk-samples-eu-west-1/*",
        "arn:aws:s3:::elasticbeanstalk-platform-assets-eu-west-1/*",
        "arn:aws:s3:::elasticbeanstalk-env-resources-eu-west-1/*",
        "arn:aws:s3:::elasticbeanstalk-eu-west-1/*",
        "arn:aws:s3:::jumpstart-cache-prod-eu-west-1/*",
        "arn:aws:s3:::jumpstart-cache-prod-eu-west-1",
        "arn:aws:s3:::static-eu-west-1-prod-static-abc/content/dependencies/*",
        "arn:aws:s3:::aws-neptune-notebook",
        "arn:aws:s3:::aws-neptune-notebook/*",
        "arn:aws:s3:::aws-neptune-notebook-eu-west-1",
        "arn:aws:s3:::aws-neptune-notebook-eu-west-1/*",
        "arn:aws:s3:::athena-examples-eu-west-1/*",
        "arn:aws:s3:::athena-examples-eu-west-1",
        "arn:aws:s3:::cloudformation-examples/*",
        "arn:aws:s3:::awssupportdatasvcs.com/*",
        "arn:aws:s3:::redshift-downloads/*",
        "arn:aws:s3:::session-manager-downloads/*",
        "arn:aws:s3:::ssm-document-categories/*",
        "arn:aws:s3:::aws-sap-data-provider/*",
        "arn:aws:s3:::aws-sap-dataprovider-eu-west-1/*",
        "arn:aws:s3:::awssap-backint-agent/*",
        "arn:aws:s3:::aws-cli/*"
      ]
    },
    {
      "Sid": "AllowRequestsByThirdPartyIdentitiesToThirdPartyResources",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::partner-bucket/*",
      "Condition": {
        "StringEquals": {
          "aws:PrincipalAccount": [
            "999999999999",
            "999999999999"
          ],
          "aws:ResourceAccount": [
            "999999999999",
            "999999999999"
          ]
        }
      }
    },
    {
      "Sid": "AllowRequestsByOrgsIdentitiesToThirdPartyResources",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::partner-bucket/*",
      "Condition": {
        "StringEquals": {
          "aws:PrincipalOrgID": "o-a1b2c3d4e5",
          "aws:ResourceAccount": [
            "999999999999",
            "999999999999"
          ]
        }
      }
    },
    {
      "Sid": "AllowRequestsByOrgsIdentitiesToAnyResources",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:PrincipalOrgID": "o-a1b2c3d4e5",
          "aws:PrincipalTag/dp:exclude:resource": "true"
        }
      }
    }
  ]
}
POLICY
}

# ---------------------------------------------------------------- M5 outbound internet

resource "aws_security_group" "bad_egress_anywhere" {
  vpc_id = "vpc-0a1b2c3d4e5f60001"
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Terraform deletes EC2's default allow-all egress rule: no egress blocks, no egress.
resource "aws_security_group" "good_no_egress" {
  vpc_id = "vpc-0a1b2c3d4e5f60001"
}

resource "aws_security_group" "good_egress_to_endpoints" {
  vpc_id = "vpc-0a1b2c3d4e5f60001"
  egress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    prefix_list_ids = ["pl-0a1b2c3d"]
    cidr_blocks     = ["10.0.0.0/8"]
  }
}

resource "aws_security_group_rule" "bad_egress_ipv6_anywhere" {
  type              = "egress"
  security_group_id = "sg-0a1b2c3d"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"]
}

resource "aws_security_group_rule" "good_ingress_rule_is_not_egress" {
  type              = "ingress"
  security_group_id = "sg-0a1b2c3d"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_egress_rule" "bad_all_ipv4" {
  security_group_id = "sg-0a1b2c3d"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "good_partner_service" {
  security_group_id = "sg-0a1b2c3d"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "203.0.113.0/24"
}

resource "aws_internet_gateway" "main" {
  vpc_id = "vpc-0a1b2c3d4e5f60001"
}

resource "aws_nat_gateway" "main" {
  subnet_id     = "subnet-0a1b2c3d"
  allocation_id = "eipalloc-0a1b2c3d"
}

resource "aws_route" "bad_default_to_igw" {
  route_table_id         = "rtb-0a1b2c3d"
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.main.id
}

resource "aws_route" "bad_default_to_nat" {
  route_table_id         = "rtb-0a1b2c3d"
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.main.id
}

resource "aws_route" "good_default_to_transit_gateway" {
  route_table_id         = "rtb-0a1b2c3d"
  destination_cidr_block = "0.0.0.0/0"
  transit_gateway_id     = "tgw-0a1b2c3d"
}

resource "aws_route" "bad_unresolved_gateway" {
  route_table_id         = "rtb-0a1b2c3d"
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = var.gateway_id
}

resource "aws_route_table" "bad_ipv6_egress_only" {
  vpc_id = "vpc-0a1b2c3d4e5f60001"
  route {
    cidr_block         = "10.0.0.0/8"
    transit_gateway_id = "tgw-0a1b2c3d"
  }
  route {
    ipv6_cidr_block        = "::/0"
    egress_only_gateway_id = "eigw-0a1b2c3d"
  }
}

resource "aws_route_table" "good_private" {
  vpc_id = "vpc-0a1b2c3d4e5f60001"
  route {
    cidr_block         = "0.0.0.0/0"
    transit_gateway_id = "tgw-0a1b2c3d"
  }
}

resource "aws_subnet" "bad_public_ip_on_launch" {
  vpc_id                  = "vpc-0a1b2c3d4e5f60001"
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "good_private" {
  vpc_id     = "vpc-0a1b2c3d4e5f60001"
  cidr_block = "10.0.2.0/24"
}

resource "aws_instance" "bad_public_ip" {
  ami                         = "ami-0a1b2c3d"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
}

resource "aws_instance" "good_inherits_private_subnet" {
  ami           = "ami-0a1b2c3d"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.good_private.id
}

resource "aws_launch_template" "bad_public_interface" {
  name = "bad"
  network_interfaces {
    associate_public_ip_address = true
  }
}

resource "aws_launch_template" "good_private_interface" {
  name = "good"
  network_interfaces {
    associate_public_ip_address = false
  }
}

# ---------------------------------------------------------------- M7 VPC-only compute

resource "aws_lambda_function" "bad_no_vpc" {
  function_name = "bad"
  role          = "arn:aws:iam::111111111111:role/lambda"
  runtime       = "python3.12"
  handler       = "index.handler"
}

resource "aws_lambda_function" "good_in_vpc" {
  function_name = "good"
  role          = "arn:aws:iam::111111111111:role/lambda"
  runtime       = "python3.12"
  handler       = "index.handler"
  vpc_config {
    subnet_ids         = ["subnet-0a1b2c3d"]
    security_group_ids = ["sg-0a1b2c3d"]
  }
}

resource "aws_codebuild_project" "bad_no_vpc" {
  name         = "bad"
  service_role = "arn:aws:iam::111111111111:role/codebuild"
}

resource "aws_codebuild_project" "good_in_vpc" {
  name         = "good"
  service_role = "arn:aws:iam::111111111111:role/codebuild"
  vpc_config {
    vpc_id             = "vpc-0a1b2c3d4e5f60001"
    subnets            = ["subnet-0a1b2c3d"]
    security_group_ids = ["sg-0a1b2c3d"]
  }
}

resource "aws_apprunner_service" "bad_default_egress" {
  service_name = "bad"
}

resource "aws_emrserverless_application" "good_in_vpc" {
  name          = "good"
  release_label = "emr-7.0.0"
  type          = "spark"
  network_configuration {
    subnet_ids         = ["subnet-0a1b2c3d"]
    security_group_ids = ["sg-0a1b2c3d"]
  }
}

# ---------------------------------------------------------------- M7 public switches

resource "aws_lambda_function_url" "bad_auth_none" {
  function_name      = "bad"
  authorization_type = "NONE"
}

resource "aws_lambda_function_url" "good_auth_iam" {
  function_name      = "good"
  authorization_type = "AWS_IAM"
}

resource "aws_lambda_permission" "bad_url_public" {
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = "bad"
  principal              = "*"
  function_url_auth_type = "NONE"
}

resource "aws_s3_bucket_public_access_block" "bad_policy_not_blocked" {
  bucket                  = "example-bucket"
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "good_all_blocked" {
  bucket                  = "example-bucket"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_account_public_access_block" "bad_partial" {
  block_public_acls   = true
  block_public_policy = true
}

resource "aws_db_instance" "bad_public" {
  instance_class      = "db.t3.micro"
  engine              = "postgres"
  publicly_accessible = true
}

resource "aws_db_instance" "good_private_default" {
  instance_class = "db.t3.micro"
  engine         = "postgres"
}

resource "aws_db_instance" "bad_unresolved_public" {
  instance_class      = "db.t3.micro"
  engine              = "postgres"
  publicly_accessible = var.db_public
}

resource "aws_redshift_cluster" "bad_public" {
  cluster_identifier  = "bad"
  node_type           = "ra3.xlplus"
  publicly_accessible = true
}

resource "aws_dms_replication_instance" "bad_public_by_default" {
  replication_instance_id    = "bad"
  replication_instance_class = "dms.t3.micro"
}

resource "aws_dms_replication_instance" "good_private" {
  replication_instance_id    = "good"
  replication_instance_class = "dms.t3.micro"
  publicly_accessible        = false
}

resource "aws_opensearch_domain" "bad_public_endpoint" {
  domain_name = "bad"
}

resource "aws_opensearch_domain" "good_in_vpc" {
  domain_name = "good"
  vpc_options {
    subnet_ids         = ["subnet-0a1b2c3d"]
    security_group_ids = ["sg-0a1b2c3d"]
  }
}

resource "aws_sagemaker_notebook_instance" "bad_direct_internet_default" {
  name          = "bad"
  role_arn      = "arn:aws:iam::111111111111:role/sagemaker"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "good_no_direct_internet" {
  name                   = "good"
  role_arn               = "arn:aws:iam::111111111111:role/sagemaker"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-0a1b2c3d"
  security_groups        = ["sg-0a1b2c3d"]
  direct_internet_access = "Disabled"
}

resource "aws_sagemaker_domain" "bad_public_internet_only" {
  domain_name = "bad"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0a1b2c3d4e5f60001"
  subnet_ids  = ["subnet-0a1b2c3d"]
}

resource "aws_eks_cluster" "bad_public_endpoint_open" {
  name     = "bad"
  role_arn = "arn:aws:iam::111111111111:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}

resource "aws_eks_cluster" "good_public_endpoint_limited" {
  name     = "good-limited"
  role_arn = "arn:aws:iam::111111111111:role/eks"
  vpc_config {
    subnet_ids             = ["subnet-0a1b2c3d"]
    endpoint_public_access = true
    public_access_cidrs    = ["203.0.113.0/24"]
  }
}

resource "aws_eks_cluster" "good_private_endpoint" {
  name     = "good-private"
  role_arn = "arn:aws:iam::111111111111:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-0a1b2c3d"]
    endpoint_public_access  = false
    endpoint_private_access = true
  }
}

resource "aws_api_gateway_rest_api" "bad_regional" {
  name = "bad"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_rest_api" "good_private" {
  name = "good"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0a1b2c3d4e5f60001"]
  }
}

resource "aws_msk_cluster" "bad_public_brokers" {
  cluster_name           = "bad"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a1b2c3d"]
    security_groups = ["sg-0a1b2c3d"]
    connectivity_info {
      public_access {
        type = "SERVICE_PROVIDED_EIPS"
      }
    }
  }
}

resource "aws_msk_cluster" "good_private_brokers" {
  cluster_name           = "good"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a1b2c3d"]
    security_groups = ["sg-0a1b2c3d"]
  }
}

resource "aws_transfer_server" "bad_public_by_default" {
  identity_provider_type = "SERVICE_MANAGED"
}

resource "aws_transfer_server" "bad_vpc_with_elastic_ips" {
  endpoint_type = "VPC"
  endpoint_details {
    vpc_id                 = "vpc-0a1b2c3d4e5f60001"
    subnet_ids             = ["subnet-0a1b2c3d"]
    address_allocation_ids = ["eipalloc-0a1b2c3d"]
  }
}

resource "aws_transfer_server" "good_vpc_internal" {
  endpoint_type = "VPC"
  endpoint_details {
    vpc_id     = "vpc-0a1b2c3d4e5f60001"
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}

resource "aws_lb" "bad_internet_facing" {
  name               = "bad"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d"]
}

resource "aws_lb" "good_internal" {
  name               = "good"
  internal           = true
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d"]
}

resource "aws_lb" "good_gateway_has_no_scheme" {
  name               = "good-gwlb"
  load_balancer_type = "gateway"
  subnets            = ["subnet-0a1b2c3d"]
}

resource "aws_secretsmanager_secret_policy" "bad_block_public_off" {
  secret_arn          = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:bad"
  block_public_policy = false
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111111111111:root" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}

resource "aws_secretsmanager_secret_policy" "good_block_public_on" {
  secret_arn          = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:good"
  block_public_policy = true
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111111111111:root" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}
