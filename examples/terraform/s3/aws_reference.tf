# AWS's resource_based_policies_2022/s3_bucket_policy.json with the placeholders filled
# from examples/perimeter.yaml, plus an Allow for the own account. Compliant.
resource "aws_s3_bucket_policy" "good_aws_reference_2022" {
  bucket = aws_s3_bucket.main.id
  policy = <<POLICY
{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "OwnAccountAccess",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
            "Action": "s3:*",
            "Resource": ["arn:aws:s3:::example-data-bucket", "arn:aws:s3:::example-data-bucket/*"]
        },
        {
            "Sid": "EnforceIdentityPerimeter",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [
              "arn:aws:s3:::example-data-bucket",
              "arn:aws:s3:::example-data-bucket/*"
            ],
            "Condition": {
                "StringNotEqualsIfExists": {
                    "aws:PrincipalOrgID": "o-a1b2c3d4e5",
                    "aws:PrincipalAccount": [
                        "222222222222",
                        "999999999999"
                    ]
                },
                "BoolIfExists": {
                  "aws:PrincipalIsAWSService": "false"
                }
            }
        },
        {
            "Sid": "EnforceNetworkPerimeter",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [
              "arn:aws:s3:::example-data-bucket",
              "arn:aws:s3:::example-data-bucket/*"
            ],
            "Condition": {
                "NotIpAddressIfExists": {
                  "aws:SourceIp": "203.0.113.0/24"
                },
                "StringNotEqualsIfExists": {
                    "aws:SourceVpc": "vpc-0a1b2c3d4e5f60001",
                    "aws:PrincipalTag/network-perimeter-exception": "true",
                    "aws:PrincipalAccount": [
                        "222222222222",
                        "999999999999"
                    ]
                },
                "BoolIfExists": {
                    "aws:PrincipalIsAWSService": "false",
                    "aws:ViaAWSService": "false"
                },
                "ArnNotLikeIfExists": {
                    "aws:PrincipalArn": "arn:aws:iam::111111111111:role/aws-service-role/*"
                },
                "StringEquals": {
                    "aws:PrincipalTag/data-perimeter-include": "true"
                }
            }
        }
    ]
}
POLICY
}
