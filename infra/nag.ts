import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';

/**
 * cdk-nag acknowledgements that need the finding's exact text. AwsSolutions-IAM5 names each
 * wildcard resource as cdk-nag flattens it (`<LogicalId.Arn>/prefix/*`, `<AWS::AccountId>`), so
 * the acknowledgement is computed from the same value with cdk-nag's own flattener — it tracks
 * renames instead of hard-coding logical ids. Works for values made of literals, pseudo
 * parameters and same-stack references (what these policies use).
 */
export function acknowledgeWildcardResource(
  scope: IConstruct,
  resource: string,
  reason: string,
): void {
  const flat = flattenCfnReference(Stack.of(scope).resolve(resource));
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flat}]`, reason });
}

export function acknowledgeWildcardActions(scope: IConstruct, actions: string[], reason: string): void {
  for (const action of actions) {
    Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Action::${action}]`, reason });
  }
}
