import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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
    new Rule(this, 'ToSubscribers', {
      eventBus: this.bus,
      description: 'Clues opened or escalated, trigger inspections planned or left without inspectors, to the notification topic',
      eventPattern: { source: [eventSource], detailType: ['clue.opened', 'clue.escalated', 'trigger.fired', 'trigger.unassigned'] },
      targets: [new SnsTopic(this.topic)],
    });
  }
}
