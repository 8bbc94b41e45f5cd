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
 * rules to it), and an SNS topic that operators and supervisors subscribe to (e-mail, SMS, a chat webhook) for the
 * events a person should act on: new clues, escalations, trigger inspections and triggers left without inspectors,
 * and the operators' alarms.
 */
export class Events extends Construct {
  readonly bus: EventBus;
  readonly topic: Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { description: 'Supervision Code domain events (source: supervision-code)' });
    // A key of our own: EventBridge may not publish to a topic encrypted with the AWS-managed SNS key.
    const key = new Key(this, 'TopicKey', { enableKeyRotation: true, description: 'Encrypts the Supervision Code notification topic' });
    // EventBridge forwards notices, CloudWatch the alarms (infra/constructs/monitoring.ts).
    for (const service of ['events.amazonaws.com', 'cloudwatch.amazonaws.com']) key.grant(new ServicePrincipal(service), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Notifications', { displayName: 'Supervision Code: clues and trigger inspections', masterKey: key, enforceSSL: true });
    // The topic policy CDK writes replaces SNS's default one (which let the account's own services publish), so
    // CloudWatch must be named or every alarm notification is refused; only alarms of this account and region.
    this.topic.addToResourcePolicy(alarmsMayPublish(this, this.topic.topicArn));
    new Rule(this, 'ToSubscribers', {
      eventBus: this.bus,
      description: 'Clues opened or escalated, trigger inspections planned or left without inspectors, to the notification topic',
      eventPattern: { source: [eventSource], detailType: ['clue.opened', 'clue.escalated', 'trigger.fired', 'trigger.unassigned'] },
      targets: [new SnsTopic(this.topic)],
    });
  }
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
