"""ResourceArn forms for the tag and resource-policy operations: malformed, not DynamoDB, index ARNs,
another account, region or partition, missing tables (docs/compatibility.md, "Resource ARNs")."""
import json
import unittest

from harness import ServerTestCase, raw_call

INVALID = "One or more parameter values were invalid: "
VALIDATION = "com.amazon.coral.validate#ValidationException"
DENIED = "com.amazon.coral.service#AccessDeniedException"
NOT_FOUND = "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"
TAG_OPS = {"TagResource": {"Tags": [{"Key": "k", "Value": "v"}]}, "UntagResource": {"TagKeys": ["k"]}, "ListTagsOfResource": {}}
POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:root"},
                                                              "Action": "dynamodb:GetItem", "Resource": "*"}]})
POLICY_OPS = {"GetResourcePolicy": {}, "PutResourcePolicy": {"Policy": POLICY}, "DeleteResourcePolicy": {}}


class ResourceArnTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.name = "arn_table"
        cls.ddb.create_table(TableName=cls.name, BillingMode="PAY_PER_REQUEST",
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
        cls.arn = cls.ddb.describe_table(TableName=cls.name)["Table"]["TableArn"]

    def answers(self, ops, arn, expected):
        for op, extra in ops.items():
            status, out = raw_call(self.server, op, dict(extra, ResourceArn=arn))
            self.assertEqual((status, out.get("__type"), out.get("message", out.get("Message"))), (400,) + expected, op)

    def test_arn_shapes_for_tags(self):
        cases = [
            ("abcd", (VALIDATION, INVALID + "ARNs must start with 'arn:': abcd")),
            (self.name, (VALIDATION, INVALID + "ARNs must start with 'arn:': " + self.name)),
            ("a:b:c:d:e:f/g", (VALIDATION, INVALID + "ARNs must start with 'arn:': a:b:c:d:e:f/g")),
            ("arn:aws:s3:::bucket", (VALIDATION, INVALID + "Provided Arn is not a DynamoDB resource arn: arn:aws:s3:::bucket")),
            (self.arn + "/backup/01700000000000-abcdef12",
             (VALIDATION, INVALID + "Provided Arn is not a DynamoDB resource arn: " + self.arn + "/backup/01700000000000-abcdef12")),
            (self.arn + "/index/gsi1", (VALIDATION, INVALID + "Invalid resource arn provided, only table or stream is accepted. "
                                        "Provided resource arn: " + self.arn + "/index/gsi1")),
            (self.arn.replace("us-east-1", "eu-west-1"),
             (VALIDATION, "Invalid TableArn: Invalid ResourceArn provided as input " + self.arn.replace("us-east-1", "eu-west-1"))),
            (self.arn.replace("arn:aws:", "arn:aws-cn:"),
             (VALIDATION, "Invalid TableArn: Invalid ResourceArn provided as input " + self.arn.replace("arn:aws:", "arn:aws-cn:"))),
            (self.arn.replace(self.name, "ab"),
             (VALIDATION, "Invalid TableArn: Invalid ResourceArn provided as input " + self.arn.replace(self.name, "ab"))),
            (self.arn.replace("000000000000", "111122223333"), (DENIED, "Access is denied")),
            (self.arn.replace(self.name, "missing_table"),
             (NOT_FOUND, "Requested resource not found: ResourceArn: " + self.arn.replace(self.name, "missing_table") + " not found")),
            (self.arn + "/stream/2026-01-01T00:00:00.000",
             (NOT_FOUND, "Requested resource not found: ResourceArn: " + self.arn + "/stream/2026-01-01T00:00:00.000 not found")),
        ]
        for arn, expected in cases:
            self.answers(TAG_OPS, arn, expected)
        # Nothing was tagged on the way.
        self.assertEqual(self.ddb.list_tags_of_resource(ResourceArn=self.arn)["Tags"], [])

    def test_other_account_through_boto3(self):
        foreign = self.arn.replace("000000000000", "111122223333")
        self.assertError("AccessDeniedException", "Access is denied", self.ddb.tag_resource, ResourceArn=foreign,
                         Tags=[{"Key": "k", "Value": "v"}])
        self.assertError("AccessDeniedException", "Access is denied", self.ddb.untag_resource, ResourceArn=foreign, TagKeys=["k"])
        self.assertError("AccessDeniedException", "Access is denied", self.ddb.list_tags_of_resource, ResourceArn=foreign)
        self.assertError("ValidationException", "This action is only supported by accounts that match the resource owner\u2019s account.",
                         self.ddb.get_resource_policy, ResourceArn=foreign)

    def test_empty_tag_lists_before_the_table_lookup(self):
        missing = self.arn.replace(self.name, "missing_table")
        self.answers({"TagResource": {"Tags": []}}, missing, (VALIDATION, "Atleast one Tag needs to be provided as Input."))
        self.answers({"UntagResource": {"TagKeys": []}}, missing, (VALIDATION, "Atleast one Tag Key needs to be provided as Input."))
        # A malformed ARN is reported first.
        self.answers({"TagResource": {"Tags": []}}, "a:b:c:d:e:f/g", (VALIDATION, INVALID + "ARNs must start with 'arn:': a:b:c:d:e:f/g"))

    def test_arn_shapes_for_resource_policies(self):
        cases = [
            (self.name, (VALIDATION, INVALID + "ARNs must start with 'arn:': " + self.name)),
            (self.arn.replace("000000000000", "111122223333"),
             (VALIDATION, "This action is only supported by accounts that match the resource owner\u2019s account.")),
            (self.arn.replace("us-east-1", "us-west-2"), (VALIDATION, INVALID + "Invalid resource Arn: " + self.arn.replace("us-east-1", "us-west-2"))),
            (self.arn.replace("arn:aws:", "arn:aws-cn:"), (VALIDATION, INVALID + "Invalid resource Arn: " + self.arn.replace("arn:aws:", "arn:aws-cn:"))),
            (self.arn + "/index/gsi1", (VALIDATION, INVALID + "Invalid resource arn provided, only table or stream is accepted. "
                                        "Provided resource arn: " + self.arn + "/index/gsi1")),
            (self.arn + "/backup/0170", (VALIDATION, INVALID + "Provided Arn is not a DynamoDB resource arn: " + self.arn + "/backup/0170")),
            (self.arn.replace(self.name, "missing_table"), (NOT_FOUND, "Requested resource not found: Table: missing_table not found")),
        ]
        for arn, expected in cases:
            self.answers(POLICY_OPS, arn, expected)


class SharedDbResourceArnTest(ServerTestCase):
    """With --shared-db every region sees the same tables, so an ARN from another region names them."""
    server_args = ("--shared-db",)

    def test_tags_across_regions(self):
        name = self.make_table()
        arn = self.ddb.describe_table(TableName=name)["Table"]["TableArn"]
        other = self.server.client(region="eu-west-1")
        other.tag_resource(ResourceArn=arn, Tags=[{"Key": "k", "Value": "v"}])
        self.assertEqual(self.ddb.list_tags_of_resource(ResourceArn=arn)["Tags"], [{"Key": "k", "Value": "v"}])


if __name__ == "__main__":
    unittest.main()
