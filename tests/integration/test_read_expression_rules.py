"""Expression-parameter rules Query and Scan share with the item operations."""
import unittest

from harness import ServerTestCase


class ReadExpressionRulesTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ddb.create_table(TableName="rules", BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                   {"AttributeName": "sk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                        {"AttributeName": "sk", "KeyType": "RANGE"}])

    def test_values_without_expressions(self):
        self.assertError("ValidationException",
                         "ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null",
                         self.ddb.scan, TableName="rules", ExpressionAttributeValues={":v": {"S": "x"}})
        self.assertError("ValidationException", "ExpressionAttributeNames can only be specified when using expressions",
                         self.ddb.scan, TableName="rules", ExpressionAttributeNames={"#n": "x"})

    def test_nested_path_into_a_key_is_rejected(self):
        e = self.assertError("ValidationException", None, self.ddb.scan, TableName="rules", ProjectionExpression="pk.x")
        self.assertTrue(e.response["Error"]["Message"].startswith("Key attributes must be scalars"))
        e = self.assertError("ValidationException", None, self.ddb.query, TableName="rules",
                             KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "a"}},
                             ProjectionExpression="sk[0]")
        self.assertTrue(e.response["Error"]["Message"].startswith("Key attributes must be scalars"))


if __name__ == "__main__":
    unittest.main()
