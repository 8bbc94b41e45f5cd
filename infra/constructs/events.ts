import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { eventSource } from '../../shared/store/resources.ts';

/**
 * Where the platform tells the world: an EventBridge bus carrying every domain event (other systems add their own
 * rules to it), and an SNS topic that supervisors subscribe to (e-mail, SMS, a chat webhook) for the notices a
 * person should act on: new clues, escalations, trigger inspections and triggers left without inspectors. The
 * operators' alarms have a topic of their own (Monitoring): a city's thousands of notices a night must not bury an
 * alarm, nor reach the supervisors' phones.
 */
export class Events extends Construct {
  readonly bus: EventBus;
  readonly topic: Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { description: 'Supervision Code domain events (source: supervision-code)' });
    this.topic = encryptedTopic(this, 'Notifications', {
      keyId: 'TopicKey',
      displayName: 'Supervision Code: clues and trigger inspections',
      publisher: 'events.amazonaws.com',
    });
    new Rule(this, 'ToSubscribers', {
      eventBus: this.bus,
      description: 'Clues opened or escalated, trigger inspections planned or left without inspectors, to the notification topic',
      eventPattern: { source: [eventSource], detailType: ['clue.opened', 'clue.escalated', 'trigger.fired', 'trigger.unassigned'] },
      targets: [new SnsTopic(this.topic)],
    });
  }
}

/**
 * A TLS-only SNS topic encrypted with a rotated key of its own, which only `publisher` (a service) may use: neither
 * EventBridge nor CloudWatch may publish to a topic encrypted with the AWS-managed SNS key.
 */
export function encryptedTopic(scope: Construct, id: string, props: { keyId: string; displayName: string; publisher: string }) {
  const key = new Key(scope, props.keyId, { enableKeyRotation: true, description: `Encrypts the topic "${props.displayName}"` });
  key.grant(new ServicePrincipal(props.publisher), 'kms:Decrypt', 'kms:GenerateDataKey*');
  return new Topic(scope, id, { displayName: props.displayName, masterKey: key, enforceSSL: true });
}

/**
 * Lets CloudWatch alarms of this account and region publish to a topic (SNS's confused-deputy guidance: the
 * alarm's account and ARN as conditions). The ARN is built on `AWS::Partition`, so it holds in AWS China too.
 */
export function alarmsMayPublish(scope: Construct, topicArn: string) {
  const alarmArns = Stack.of(scope).formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  return new PolicyStatement({
    sid: 'CloudWatchAlarmsOfThisAccount',
    principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['sns:Publish'],
    resources: [topicArn],
    conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ArnLike: { 'aws:SourceArn': alarmArns } },
  });
}
