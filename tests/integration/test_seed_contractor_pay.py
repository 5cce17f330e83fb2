"""Seed 004 (contractor pay): a single-table design through the boto3 resource API.

PK/SK with GSI1 (reverse lookups), GSI2 (names, codes, periods) and GSI3 (time); a many-to-many
contractor/umbrella association; begins_with; FilterExpression with `#status`; newest-first
queries; a Scan of the 13 pay periods; GetItem existence checks; an audit log partitioned by date.
The seed's own Python snippets are run as written.
"""
import unittest
from decimal import Decimal

from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

from harness import ServerTestCase

TABLE = "contractor-pay-test"


class ContractorPaySeedTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        names = ["PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK"]
        cls.ddb.create_table(
            TableName=TABLE, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in names],
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[{"IndexName": "GSI%d" % i,
                                     "KeySchema": [{"AttributeName": "GSI%dPK" % i, "KeyType": "HASH"},
                                                   {"AttributeName": "GSI%dSK" % i, "KeyType": "RANGE"}],
                                     "Projection": {"ProjectionType": "ALL"}} for i in (1, 2, 3)])
        cls.table = cls.server.resource().Table(TABLE)
        cls.items = cls.seed_items()
        with cls.table.batch_writer() as batch:
            for item in cls.items:
                batch.put_item(Item=item)

    @staticmethod
    def seed_items():
        items = [
            {"PK": "CONTRACTOR#david-hunt-id", "SK": "PROFILE", "EntityType": "Contractor", "ContractorID": "david-hunt-id",
             "FirstName": "David", "LastName": "Hunt", "NormalizedName": "david hunt", "JobTitle": "Solution Designer",
             "IsActive": True, "CreatedAt": "2025-01-01T00:00:00Z",
             "GSI2PK": "NAME#david hunt", "GSI2SK": "CONTRACTOR#david-hunt-id"},
            {"PK": "CONTRACTOR#donna-smith-id", "SK": "PROFILE", "EntityType": "Contractor", "ContractorID": "donna-smith-id",
             "FirstName": "Donna", "LastName": "Smith", "NormalizedName": "donna smith", "IsActive": True,
             "GSI2PK": "NAME#donna smith", "GSI2SK": "CONTRACTOR#donna-smith-id"},
            {"PK": "UMBRELLA#nasa-id", "SK": "PROFILE", "EntityType": "Umbrella", "UmbrellaID": "nasa-id", "ShortCode": "NASA",
             "LegalName": "Nasa Umbrella Ltd", "FileNameVariation": "NASA GROUP", "IsActive": True,
             "GSI2PK": "UMBRELLA_CODE#NASA", "GSI2SK": "PROFILE"},
            {"PK": "UMBRELLA#parasol-id", "SK": "PROFILE", "EntityType": "Umbrella", "UmbrellaID": "parasol-id",
             "ShortCode": "PARASOL", "LegalName": "Parasol Ltd", "IsActive": True,
             "GSI2PK": "UMBRELLA_CODE#PARASOL", "GSI2SK": "PROFILE"},
            {"PK": "PERMANENT#martin alabone", "SK": "PROFILE", "EntityType": "PermanentStaff", "FirstName": "Martin",
             "LastName": "Alabone", "NormalizedName": "martin alabone", "GSI2PK": "PERMANENT_CHECK",
             "GSI2SK": "NAME#martin alabone"},
            {"PK": "PERMANENT#ann other", "SK": "PROFILE", "EntityType": "PermanentStaff", "NormalizedName": "ann other",
             "GSI2PK": "PERMANENT_CHECK", "GSI2SK": "NAME#ann other"},
            {"PK": "PARAM#VAT_RATE", "SK": "VALUE", "EntityType": "Parameter", "ParamKey": "VAT_RATE", "ParamValue": "0.20",
             "DataType": "DECIMAL", "Description": "UK VAT rate (20%)", "IsEditable": False, "UpdatedAt": "2025-01-01T00:00:00Z"},
            {"PK": "PARAM#MAX_DAYS", "SK": "VALUE", "EntityType": "Parameter", "ParamKey": "MAX_DAYS", "ParamValue": "23",
             "DataType": "INTEGER", "IsEditable": True},
            {"PK": "BATCH#b-aug", "SK": "METADATA", "EntityType": "Batch", "BatchID": "b-aug", "PeriodID": "8",
             "Status": "COMPLETED", "TotalFiles": 6, "CompletedFiles": 5, "ErrorFiles": 1, "WarningFiles": 2,
             "CreatedAt": "2025-09-01T14:00:00Z", "GSI3PK": "BATCHES", "GSI3SK": "2025-09-01T14:00:00Z"},
            {"PK": "BATCH#b-jul", "SK": "METADATA", "EntityType": "Batch", "BatchID": "b-jul", "PeriodID": "7",
             "Status": "COMPLETED", "CreatedAt": "2025-08-01T09:00:00Z", "GSI3PK": "BATCHES", "GSI3SK": "2025-08-01T09:00:00Z"},
            {"PK": "FILE#f-nasa", "SK": "METADATA", "EntityType": "File", "FileID": "f-nasa", "BatchID": "b-aug",
             "UmbrellaID": "nasa-id", "PeriodID": "8", "OriginalFilename": "NASA_Contractor_Pay_01092025.xlsx",
             "FileSizeBytes": 57344, "Status": "COMPLETED", "UploadedAt": "2025-09-01T15:23:12Z", "TotalRecords": 2,
             "TotalAmount": Decimal("127456.50"), "TotalVAT": Decimal("25491.30"), "TotalGross": Decimal("152947.80"),
             "IsCurrentVersion": True, "Version": 1,
             "GSI1PK": "PERIOD#8#UMBRELLA#nasa-id", "GSI1SK": "FILE#f-nasa", "GSI3PK": "FILES", "GSI3SK": "2025-09-01T15:23:12Z"},
            {"PK": "FILE#f-nasa-old", "SK": "METADATA", "EntityType": "File", "FileID": "f-nasa-old", "UmbrellaID": "nasa-id",
             "PeriodID": "8", "Status": "UPLOADED", "UploadedAt": "2025-09-01T11:00:00Z", "IsCurrentVersion": False,
             "Version": 0, "GSI1PK": "PERIOD#8#UMBRELLA#nasa-id", "GSI1SK": "FILE#f-nasa-old",
             "GSI3PK": "FILES", "GSI3SK": "2025-09-01T11:00:00Z"},
            {"PK": "FILE#f-parasol", "SK": "METADATA", "EntityType": "File", "FileID": "f-parasol", "UmbrellaID": "parasol-id",
             "PeriodID": "8", "Status": "UPLOADED", "UploadedAt": "2025-09-02T08:00:00Z", "IsCurrentVersion": True,
             "Version": 1, "GSI1PK": "PERIOD#8#UMBRELLA#parasol-id", "GSI1SK": "FILE#f-parasol",
             "GSI3PK": "FILES", "GSI3SK": "2025-09-02T08:00:00Z"},
            {"PK": "FILE#f-nasa", "SK": "RECORD#001", "EntityType": "PayRecord", "RecordID": "r1", "FileID": "f-nasa",
             "ContractorID": "david-hunt-id", "UmbrellaID": "nasa-id", "PeriodID": "8", "EmployeeID": "801234",
             "UnitDays": Decimal("20.00"), "DayRate": Decimal("472.03"), "Amount": Decimal("9440.60"),
             "VATAmount": Decimal("1888.12"), "GrossAmount": Decimal("11328.72"), "TotalHours": Decimal("150.0"),
             "RecordType": "STANDARD", "Notes": "", "IsActive": True, "CreatedAt": "2025-09-01T15:23:45Z",
             "GSI1PK": "CONTRACTOR#david-hunt-id", "GSI1SK": "RECORD#2025-09-01T15:23:45Z",
             "GSI2PK": "PERIOD#8", "GSI2SK": "CONTRACTOR#david-hunt-id"},
            {"PK": "FILE#f-nasa", "SK": "RECORD#002", "EntityType": "PayRecord", "RecordID": "r2", "FileID": "f-nasa",
             "ContractorID": "donna-smith-id", "UmbrellaID": "nasa-id", "PeriodID": "8", "EmployeeID": "812299",
             "Amount": Decimal("8000.25"), "CreatedAt": "2025-09-01T15:23:46Z",
             "GSI1PK": "CONTRACTOR#donna-smith-id", "GSI1SK": "RECORD#2025-09-01T15:23:46Z",
             "GSI2PK": "PERIOD#8", "GSI2SK": "CONTRACTOR#donna-smith-id"},
            {"PK": "FILE#f-parasol", "SK": "RECORD#001", "EntityType": "PayRecord", "RecordID": "r3", "FileID": "f-parasol",
             "ContractorID": "donna-smith-id", "UmbrellaID": "parasol-id", "PeriodID": "8", "EmployeeID": "129700",
             "Amount": Decimal("1200"), "CreatedAt": "2025-09-02T08:00:05Z",
             "GSI1PK": "CONTRACTOR#donna-smith-id", "GSI1SK": "RECORD#2025-09-02T08:00:05Z",
             "GSI2PK": "PERIOD#8", "GSI2SK": "CONTRACTOR#donna-smith-id#parasol"},
            {"PK": "FILE#f-old", "SK": "RECORD#001", "EntityType": "PayRecord", "ContractorID": "david-hunt-id",
             "PeriodID": "7", "Amount": Decimal("9000"), "CreatedAt": "2025-08-01T10:00:00Z",
             "GSI1PK": "CONTRACTOR#david-hunt-id", "GSI1SK": "RECORD#2025-08-01T10:00:00Z",
             "GSI2PK": "PERIOD#7", "GSI2SK": "CONTRACTOR#david-hunt-id"},
            {"PK": "FILE#f-nasa", "SK": "ERROR#001", "EntityType": "ValidationError", "ErrorType": "PERMANENT_STAFF",
             "Severity": "CRITICAL", "RowNumber": 5, "ContractorName": "Martin Alabone",
             "ErrorMessage": "CRITICAL: Martin Alabone is permanent staff and should not be in contractor pay file",
             "CreatedAt": "2025-09-01T15:23:25Z", "GSI1PK": "ERRORS", "GSI1SK": "2025-09-01T15:23:25Z"},
            {"PK": "FILE#f-parasol", "SK": "ERROR#001", "EntityType": "ValidationError", "ErrorType": "NO_ASSOCIATION",
             "CreatedAt": "2025-09-02T08:00:10Z", "GSI1PK": "ERRORS", "GSI1SK": "2025-09-02T08:00:10Z"},
            {"PK": "FILE#f-nasa", "SK": "WARNING#001", "EntityType": "ValidationWarning", "WarningType": "RATE_CHANGE",
             "WarningMessage": "David Hunt rate changed from £472.00 to £472.03 (0.06%)", "AutoResolved": False,
             "ResolutionNotes": None, "CreatedAt": "2025-09-01T15:23:30Z", "GSI1PK": "WARNINGS", "GSI1SK": "2025-09-01T15:23:30Z"},
            {"PK": "AUDIT#2025-09-01", "SK": "2025-09-01T15:23:45.123Z#FILE#f-nasa-old", "EntityType": "AuditLog",
             "AuditID": "a2", "TableName": "PayFileMetadata", "RecordID": "f-nasa-old", "Action": "DELETE",
             "OldValues": {"Status": "UPLOADED", "IsActive": True}, "NewValues": None,
             "ChangedFields": ["Status", "IsActive", "DeletedAt"], "UserEmail": "someone@example.com",
             "Reason": "Testing - re-importing with validation fixes", "CreatedAt": "2025-09-01T15:23:45Z"},
            {"PK": "AUDIT#2025-09-01", "SK": "2025-09-01T09:00:00.000Z#FILE#f-nasa", "EntityType": "AuditLog",
             "AuditID": "a1", "RecordID": "f-nasa", "Action": "CREATE", "NewValues": {"Status": "UPLOADED"},
             "CreatedAt": "2025-09-01T09:00:00Z"},
            {"PK": "AUDIT#2025-09-02", "SK": "2025-09-02T08:00:00.000Z#FILE#f-parasol", "EntityType": "AuditLog",
             "AuditID": "a3", "RecordID": "f-parasol", "Action": "CREATE", "CreatedAt": "2025-09-02T08:00:00Z"},
        ]
        for contractor, umbrella, employee, valid_from, valid_to in [
                ("david-hunt-id", "nasa-id", "801234", "2025-01-01", None),
                ("donna-smith-id", "nasa-id", "812299", "2025-01-01", None),
                ("donna-smith-id", "parasol-id", "129700", "2025-01-01", None),
                ("david-hunt-id", "parasol-id", "700001", "2024-06-01", "2025-03-31")]:
            items.append({"PK": "CONTRACTOR#" + contractor, "SK": "UMBRELLA#" + umbrella, "EntityType": "Association",
                          "ContractorID": contractor, "UmbrellaID": umbrella, "EmployeeID": employee,
                          "ValidFrom": valid_from, "ValidTo": valid_to, "IsActive": valid_to is None,
                          "GSI1PK": "UMBRELLA#" + umbrella, "GSI1SK": "CONTRACTOR#" + contractor})
        for n in range(1, 14):
            items.append({"PK": "PERIOD#%d" % n, "SK": "PROFILE", "EntityType": "Period", "PeriodNumber": n,
                          "PeriodYear": 2025, "Status": "COMPLETED" if n <= 8 else "OPEN"})
        return items

    def contractor_can_be_paid(self, contractor_id, umbrella_id, period_start, period_end):
        # The seed's validation snippet, unchanged.
        table = self.table
        response = table.query(
            KeyConditionExpression='PK = :pk AND begins_with(SK, :sk)',
            ExpressionAttributeValues={
                ':pk': f'CONTRACTOR#{contractor_id}',
                ':sk': 'UMBRELLA#'
            }
        )
        for item in response['Items']:
            if item['UmbrellaID'] == umbrella_id:
                valid_from = item['ValidFrom']
                valid_to = item.get('ValidTo')

                if valid_from <= period_start and (valid_to is None or valid_to >= period_end):
                    return True  # Valid!

        return False  # CRITICAL ERROR: No association found

    # --- contractors, umbrellas, associations ------------------------------------------------------

    def test_contractor_by_id_and_by_name(self):
        got = self.table.query(KeyConditionExpression=Key("PK").eq("CONTRACTOR#david-hunt-id") & Key("SK").eq("PROFILE"))["Items"]
        self.assertEqual(got, [self.items[0]])
        by_name = self.table.query(IndexName="GSI2", KeyConditionExpression=Key("GSI2PK").eq("NAME#donna smith"))["Items"]
        self.assertEqual([i["ContractorID"] for i in by_name], ["donna-smith-id"])
        self.assertEqual(self.table.query(IndexName="GSI2", KeyConditionExpression=Key("GSI2PK").eq("NAME#nobody"))["Items"], [])

    def test_many_to_many_associations(self):
        donna = self.table.query(KeyConditionExpression=Key("PK").eq("CONTRACTOR#donna-smith-id") & Key("SK").begins_with("UMBRELLA#"))
        self.assertEqual([(i["UmbrellaID"], i["EmployeeID"]) for i in donna["Items"]],
                         [("nasa-id", "812299"), ("parasol-id", "129700")])
        self.assertIsNone(donna["Items"][0]["ValidTo"])
        nasa = self.table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq("UMBRELLA#nasa-id")
                                & Key("GSI1SK").begins_with("CONTRACTOR#"))["Items"]
        self.assertEqual([i["ContractorID"] for i in nasa], ["david-hunt-id", "donna-smith-id"])
        parasol = self.table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq("UMBRELLA#parasol-id")
                                   & Key("GSI1SK").begins_with("CONTRACTOR#"), FilterExpression=Attr("IsActive").eq(True))
        self.assertEqual([i["ContractorID"] for i in parasol["Items"]], ["donna-smith-id"])
        self.assertEqual(parasol["ScannedCount"], 2)

    def test_validate_contractor_umbrella_for_period(self):
        self.assertTrue(self.contractor_can_be_paid("donna-smith-id", "parasol-id", "2025-07-28", "2025-08-24"))
        self.assertTrue(self.contractor_can_be_paid("donna-smith-id", "nasa-id", "2025-07-28", "2025-08-24"))
        self.assertTrue(self.contractor_can_be_paid("david-hunt-id", "parasol-id", "2025-01-06", "2025-02-02"))
        self.assertFalse(self.contractor_can_be_paid("david-hunt-id", "parasol-id", "2025-07-28", "2025-08-24"))
        self.assertFalse(self.contractor_can_be_paid("david-hunt-id", "nasa-id", "2024-12-01", "2024-12-28"))
        self.assertFalse(self.contractor_can_be_paid("nobody", "nasa-id", "2025-07-28", "2025-08-24"))

    def test_umbrella_by_id_and_code(self):
        got = self.table.query(KeyConditionExpression=Key("PK").eq("UMBRELLA#nasa-id") & Key("SK").eq("PROFILE"))["Items"]
        self.assertEqual(got[0]["LegalName"], "Nasa Umbrella Ltd")
        by_code = self.table.query(IndexName="GSI2", KeyConditionExpression=Key("GSI2PK").eq("UMBRELLA_CODE#PARASOL"))["Items"]
        self.assertEqual([i["UmbrellaID"] for i in by_code], ["parasol-id"])

    # --- periods, permanent staff, parameters ----------------------------------------------------

    def test_period_by_number_and_scan_of_all_periods(self):
        got = self.table.query(KeyConditionExpression=Key("PK").eq("PERIOD#8") & Key("SK").eq("PROFILE"))["Items"]
        self.assertEqual(got, [{"PK": "PERIOD#8", "SK": "PROFILE", "EntityType": "Period", "PeriodNumber": 8,
                                "PeriodYear": 2025, "Status": "COMPLETED"}])
        out = self.table.scan(FilterExpression=Attr("EntityType").eq("Period"))
        self.assertEqual(sorted(i["PeriodNumber"] for i in out["Items"]), list(range(1, 14)))
        self.assertEqual(out["Count"], 13)
        self.assertEqual(out["ScannedCount"], len(self.items))
        self.assertNotIn("LastEvaluatedKey", out)
        # The same Scan page by page.
        seen, kwargs, pages = [], {"FilterExpression": Attr("EntityType").eq("Period"), "Limit": 10}, 0
        while True:
            page = self.table.scan(**kwargs)
            pages += 1
            self.assertLessEqual(page["ScannedCount"], 10)
            seen += [i["PeriodNumber"] for i in page["Items"]]
            if "LastEvaluatedKey" not in page:
                break
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        self.assertEqual(sorted(seen), list(range(1, 14)))
        self.assertGreaterEqual(pages, -(-len(self.items) // 10))
        open_periods = self.table.scan(FilterExpression=Attr("EntityType").eq("Period") & Attr("Status").eq("OPEN"),
                                       ProjectionExpression="PeriodNumber")["Items"]
        self.assertEqual(sorted(open_periods, key=lambda i: i["PeriodNumber"]), [{"PeriodNumber": n} for n in range(9, 14)])

    def test_permanent_staff_existence_checks(self):
        hit = self.table.get_item(Key={"PK": "PERMANENT#martin alabone", "SK": "PROFILE"})
        self.assertIn("Item", hit)
        self.assertEqual(hit["Item"]["LastName"], "Alabone")
        self.assertNotIn("Item", self.table.get_item(Key={"PK": "PERMANENT#david hunt", "SK": "PROFILE"}))
        exists = self.table.get_item(Key={"PK": "PERMANENT#martin alabone", "SK": "PROFILE"}, ProjectionExpression="PK")
        self.assertEqual(exists["Item"], {"PK": "PERMANENT#martin alabone"})
        staff = self.table.query(IndexName="GSI2", KeyConditionExpression=Key("GSI2PK").eq("PERMANENT_CHECK"))["Items"]
        self.assertEqual([i["NormalizedName"] for i in staff], ["ann other", "martin alabone"])

    def test_parameters(self):
        vat = self.table.get_item(Key={"PK": "PARAM#VAT_RATE", "SK": "VALUE"})["Item"]
        self.assertEqual((vat["ParamValue"], vat["IsEditable"]), ("0.20", False))
        # "Get all parameters: Query PK BEGINS_WITH PARAM#": DynamoDB refuses begins_with on a partition key.
        with self.assertRaises(ClientError) as cm:
            self.table.query(KeyConditionExpression=Key("PK").begins_with("PARAM#"))
        self.assertEqual(cm.exception.response["Error"]["Code"], "ValidationException")
        self.assertEqual(cm.exception.response["Error"]["Message"], "Query key condition not supported")
        with self.assertRaises(ClientError) as cm:
            self.table.query(KeyConditionExpression="begins_with(PK, :p) AND SK = :v",
                             ExpressionAttributeValues={":p": "PARAM#", ":v": "VALUE"})
        self.assertEqual(cm.exception.response["Error"]["Message"], "Query key condition not supported")
        # What works instead is a Scan with the prefix as a filter.
        params = self.table.scan(FilterExpression=Attr("PK").begins_with("PARAM#"))["Items"]
        self.assertEqual(sorted(p["ParamKey"] for p in params), ["MAX_DAYS", "VAT_RATE"])

    # --- batches, files, records --------------------------------------------------------------------

    def test_recent_batches_and_files_newest_first(self):
        batches = self.table.query(IndexName="GSI3", KeyConditionExpression=Key("GSI3PK").eq("BATCHES"), ScanIndexForward=False)
        self.assertEqual([b["BatchID"] for b in batches["Items"]], ["b-aug", "b-jul"])
        files = self.table.query(IndexName="GSI3", KeyConditionExpression=Key("GSI3PK").eq("FILES"),
                                 ScanIndexForward=False, Limit=2)
        self.assertEqual([f["FileID"] for f in files["Items"]], ["f-parasol", "f-nasa"])
        self.assertEqual(files["LastEvaluatedKey"], {"PK": "FILE#f-nasa", "SK": "METADATA", "GSI3PK": "FILES",
                                                     "GSI3SK": "2025-09-01T15:23:12Z"})
        since = self.table.query(IndexName="GSI3", KeyConditionExpression=Key("GSI3PK").eq("FILES")
                                 & Key("GSI3SK").gte("2025-09-01T12:00:00Z"))["Items"]
        self.assertEqual([f["FileID"] for f in since], ["f-nasa", "f-parasol"])

    def test_files_that_need_processing(self):
        table = self.table
        # The seed's snippet, unchanged.
        response = table.query(
            IndexName='GSI3',
            KeyConditionExpression='GSI3PK = :pk',
            FilterExpression='#status = :status',
            ExpressionAttributeNames={'#status': 'Status'},
            ExpressionAttributeValues={
                ':pk': 'FILES',
                ':status': 'UPLOADED'
            }
        )
        self.assertEqual([i["FileID"] for i in response["Items"]], ["f-nasa-old", "f-parasol"])
        self.assertEqual((response["Count"], response["ScannedCount"]), (2, 3))
        # `Status` itself is a reserved word.
        with self.assertRaises(ClientError) as cm:
            table.query(IndexName="GSI3", KeyConditionExpression="GSI3PK = :pk", FilterExpression="Status = :s",
                        ExpressionAttributeValues={":pk": "FILES", ":s": "UPLOADED"})
        self.assertEqual(cm.exception.response["Error"]["Message"],
                         "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: Status")

    def test_file_by_id_and_for_period_and_umbrella(self):
        got = self.table.query(KeyConditionExpression=Key("PK").eq("FILE#f-nasa") & Key("SK").eq("METADATA"))["Items"][0]
        self.assertEqual(got["TotalAmount"], Decimal("127456.5"))
        self.assertEqual(got["TotalGross"], Decimal("152947.80"))
        files = self.table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq("PERIOD#8#UMBRELLA#nasa-id"))["Items"]
        self.assertEqual([f["FileID"] for f in files], ["f-nasa", "f-nasa-old"])
        current = self.table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq("PERIOD#8#UMBRELLA#nasa-id"),
                                   FilterExpression=Attr("IsCurrentVersion").eq(True))["Items"]
        self.assertEqual([f["FileID"] for f in current], ["f-nasa"])
        none = self.table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq("PERIOD#9#UMBRELLA#nasa-id"),
                                FilterExpression=Attr("IsCurrentVersion").eq(True))
        self.assertEqual((none["Count"], none["ScannedCount"]), (0, 0))

    def test_records_errors_and_warnings_of_a_file(self):
        records = self.table.query(KeyConditionExpression=Key("PK").eq("FILE#f-nasa") & Key("SK").begins_with("RECORD#"))["Items"]
        self.assertEqual([r["RecordID"] for r in records], ["r1", "r2"])
        self.assertEqual(records[0]["Notes"], "")
        self.assertEqual(records[0]["UnitDays"], Decimal("20"))
        errors = self.table.query(KeyConditionExpression=Key("PK").eq("FILE#f-nasa") & Key("SK").begins_with("ERROR#"))["Items"]
        self.assertEqual([e["ErrorType"] for e in errors], ["PERMANENT_STAFF"])
        warnings = self.table.query(KeyConditionExpression=Key("PK").eq("FILE#f-nasa") & Key("SK").begins_with("WARNING#"))["Items"]
        self.assertEqual(warnings[0]["WarningMessage"], "David Hunt rate changed from £472.00 to £472.03 (0.06%)")
        self.assertIsNone(warnings[0]["ResolutionNotes"])
        recent_errors = self.table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq("ERRORS"),
                                         ScanIndexForward=False)["Items"]
        self.assertEqual([e["ErrorType"] for e in recent_errors], ["NO_ASSOCIATION", "PERMANENT_STAFF"])
        recent_warnings = self.table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq("WARNINGS"),
                                           ScanIndexForward=False)["Items"]
        self.assertEqual(len(recent_warnings), 1)

    def test_pay_history_and_period_summary(self):
        history = self.table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq("CONTRACTOR#david-hunt-id")
                                   & Key("GSI1SK").begins_with("RECORD#"), ScanIndexForward=False)["Items"]
        self.assertEqual([(h["PeriodID"], h["Amount"]) for h in history], [("8", Decimal("9440.6")), ("7", Decimal("9000"))])
        table = self.table
        # The seed's snippet, unchanged.
        response = table.query(
            IndexName='GSI2',
            KeyConditionExpression='GSI2PK = :pk',
            ExpressionAttributeValues={
                ':pk': 'PERIOD#8'
            }
        )

        # Aggregate in application code
        total_amount = sum(item['Amount'] for item in response['Items'])
        contractor_count = len(set(item['ContractorID'] for item in response['Items']))
        self.assertEqual(total_amount, Decimal("18640.85"))
        self.assertEqual(contractor_count, 2)
        self.assertEqual(len(response["Items"]), 3)

    # --- audit log -------------------------------------------------------------------------------------

    def test_audit_trail_by_date(self):
        day = self.table.query(KeyConditionExpression=Key("PK").eq("AUDIT#2025-09-01"))["Items"]
        self.assertEqual([a["AuditID"] for a in day], ["a1", "a2"])  # ordered by SK (timestamp first)
        self.assertEqual(day[1]["OldValues"], {"Status": "UPLOADED", "IsActive": True})
        self.assertIsNone(day[1]["NewValues"])
        self.assertEqual(day[1]["ChangedFields"], ["Status", "IsActive", "DeletedAt"])
        latest = self.table.query(KeyConditionExpression=Key("PK").eq("AUDIT#2025-09-01"), ScanIndexForward=False, Limit=1)["Items"]
        self.assertEqual(latest[0]["AuditID"], "a2")
        for_record = self.table.query(KeyConditionExpression=Key("PK").eq("AUDIT#2025-09-01"),
                                      FilterExpression=Attr("RecordID").eq("f-nasa-old"))
        self.assertEqual([a["Action"] for a in for_record["Items"]], ["DELETE"])
        self.assertEqual(for_record["ScannedCount"], 2)
        window = self.table.query(KeyConditionExpression=Key("PK").eq("AUDIT#2025-09-01")
                                  & Key("SK").between("2025-09-01T10:00:00", "2025-09-01T23:59:59"))["Items"]
        self.assertEqual([a["AuditID"] for a in window], ["a2"])
        self.assertEqual(self.table.query(KeyConditionExpression=Key("PK").eq("AUDIT#2025-09-03"))["Items"], [])


class ContractorPayAuditStreamTest(ServerTestCase):
    """The seed's "Streams: built-in audit trail": a pay file's lifecycle (upload, processing,
    soft delete) on a table with a NEW_AND_OLD_IMAGES stream, read back with the dynamodbstreams
    client and turned into the seed's Audit Log entries (Action, OldValues, NewValues,
    ChangedFields)."""

    def test_audit_trail_from_the_stream(self):
        import boto3
        from botocore.config import Config
        names = ["PK", "SK"]
        self.ddb.create_table(
            TableName="contractor-pay-audit", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in names],
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
        table = self.server.resource().Table("contractor-pay-audit")
        key = {"PK": "FILE#550e8400-e29b-41d4-a716-446655440000", "SK": "METADATA"}
        table.put_item(Item=dict(key, EntityType="File", FileID="550e8400", UmbrellaID="nasa-id", PeriodID="8",
                                 Status="UPLOADED", IsActive=True, TotalAmount=Decimal("127456.50"),
                                 UploadedAt="2025-09-01T15:23:12Z"))
        table.update_item(Key=key, UpdateExpression="SET #status = :s, ProcessingCompletedAt = :t",
                          ExpressionAttributeNames={"#status": "Status"},
                          ExpressionAttributeValues={":s": "COMPLETED", ":t": "2025-09-01T15:23:45Z"})
        # Re-saving an unchanged item is not an audit event.
        table.put_item(Item=table.get_item(Key=key)["Item"])
        table.update_item(Key=key, UpdateExpression="SET #status = :s, IsActive = :f, DeletedAt = :d",
                          ExpressionAttributeNames={"#status": "Status"},
                          ExpressionAttributeValues={":s": "DELETED", ":f": False, ":d": "2025-09-01T16:00:00Z"})
        table.delete_item(Key=key)

        streams = boto3.client("dynamodbstreams", endpoint_url=self.server.url, region_name="us-east-1",
                               aws_access_key_id="AKIDTEST", aws_secret_access_key="secret",
                               config=Config(retries={"max_attempts": 1}))
        arn = streams.list_streams(TableName="contractor-pay-audit")["Streams"][0]["StreamArn"]
        audit = []
        for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
            it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                            ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            while it:
                page = streams.get_records(ShardIterator=it)
                for r in page["Records"]:
                    old, new = r["dynamodb"].get("OldImage", {}), r["dynamodb"].get("NewImage", {})
                    audit.append({
                        "Action": {"INSERT": "CREATE", "MODIFY": "UPDATE", "REMOVE": "DELETE"}[r["eventName"]],
                        "RecordID": r["dynamodb"]["Keys"]["PK"]["S"].split("#", 1)[1],
                        "ChangedFields": sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k)),
                        "OldValues": old or None, "NewValues": new or None})
                if not page["Records"]:
                    break
                it = page.get("NextShardIterator")
        self.assertEqual([a["Action"] for a in audit], ["CREATE", "UPDATE", "UPDATE", "DELETE"])
        self.assertTrue(all(a["RecordID"] == "550e8400-e29b-41d4-a716-446655440000" for a in audit))
        self.assertEqual(audit[1]["ChangedFields"], ["ProcessingCompletedAt", "Status"])
        self.assertEqual(audit[2]["ChangedFields"], ["DeletedAt", "IsActive", "Status"])  # the seed's example
        self.assertEqual(audit[2]["OldValues"]["Status"], {"S": "COMPLETED"})
        self.assertEqual(audit[2]["NewValues"]["IsActive"], {"BOOL": False})
        self.assertIsNone(audit[3]["NewValues"])
        self.assertEqual(audit[3]["OldValues"]["TotalAmount"], {"N": "127456.5"})


if __name__ == "__main__":
    unittest.main()
