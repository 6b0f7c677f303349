#!/usr/bin/env python3
"""Writes one SAM template of N resources with dense references (default 500), for bench/run.sh.

    bench/generate-dense.py [N] > template.yaml

A quarter each of functions, queues, topics and tables. Every function reads, writes and publishes to a dozen others
through Ref, GetAtt and Sub (environment, policies, destinations), is triggered by a queue, and every queue has a
dead-letter queue and every topic subscribes a function, so reference resolution and flow building see O(N) edges
per kind and any quadratic step shows.
"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
rng = random.Random(500)
quarter = max(1, n // 4)
functions = [f"Fn{i:04d}" for i in range(quarter)]
queues = [f"Queue{i:04d}" for i in range(quarter)]
topics = [f"Topic{i:04d}" for i in range(quarter)]
tables = [f"Table{i:04d}" for i in range(n - 3 * quarter)]

out = ["AWSTemplateFormatVersion: '2010-09-09'", "Transform: AWS::Serverless-2016-10-31",
       f"Description: generated, {n} resources with dense references", "",
       "Globals:", "  Function:", "    Runtime: python3.12", "    Timeout: 10", "", "Resources:"]

for i, fn in enumerate(functions):
    reads = rng.sample(tables, min(4, len(tables)))
    sends = rng.sample(queues, min(4, len(queues)))
    pubs = rng.sample(topics, min(4, len(topics)))
    out += [f"  {fn}:", "    Type: AWS::Serverless::Function", "    Properties:",
            f"      Handler: app.handler{i}", "      CodeUri: src/", "      Environment:", "        Variables:"]
    out += [f"          T{k}: !Ref {t}" for k, t in enumerate(reads)]
    out += [f"          Q{k}: !GetAtt {q}.QueueUrl" for k, q in enumerate(sends)]
    out += [f"          P{k}: !Sub 'arn:${{AWS::Partition}}:sns:${{AWS::Region}}:${{AWS::AccountId}}:${{{p}.TopicName}}'" for k, p in enumerate(pubs)]
    out += ["      Policies:"]
    out += [f"        - DynamoDBCrudPolicy:\n            TableName: !Ref {t}" for t in reads]
    out += [f"        - SQSSendMessagePolicy:\n            QueueName: !GetAtt {q}.QueueName" for q in sends]
    out += [f"        - SNSPublishMessagePolicy:\n            TopicName: !GetAtt {p}.TopicName" for p in pubs]
    out += ["      Events:", "        FromQueue:", "          Type: SQS", "          Properties:",
            f"            Queue: !GetAtt {queues[i % len(queues)]}.Arn", "            BatchSize: 10",
            "      EventInvokeConfig:", "        DestinationConfig:", "          OnFailure:", "            Type: SQS",
            f"            Destination: !GetAtt {queues[(i + 1) % len(queues)]}.Arn"]

for i, q in enumerate(queues):
    out += [f"  {q}:", "    Type: AWS::SQS::Queue", "    Properties:", "      VisibilityTimeout: 60",
            "      RedrivePolicy:", f"        deadLetterTargetArn: !GetAtt {queues[(i + 7) % len(queues)]}.Arn", "        maxReceiveCount: 5"]

for i, t in enumerate(topics):
    out += [f"  {t}:", "    Type: AWS::SNS::Topic", "    Properties:", "      Subscription:",
            f"        - Protocol: lambda\n          Endpoint: !GetAtt {functions[i % len(functions)]}.Arn",
            f"        - Protocol: sqs\n          Endpoint: !GetAtt {queues[i % len(queues)]}.Arn"]

for t in tables:
    out += [f"  {t}:", "    Type: AWS::DynamoDB::Table", "    Properties:", "      BillingMode: PAY_PER_REQUEST",
            "      AttributeDefinitions:", "        - AttributeName: id\n          AttributeType: S",
            "      KeySchema:", "        - AttributeName: id\n          KeyType: HASH"]

print("\n".join(out))
