import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The Cognito group agents must belong to; the handler checks it (env AGENTS_GROUP). */
export const AGENTS_GROUP = 'agents';
/** Resource server and its one scope; every API route requires `kdp-triage/agent`. */
export const RESOURCE_SERVER_ID = 'kdp-triage';
export const AGENT_SCOPE = 'agent';

export interface AgentsAuthProps {
  readonly domainPrefix: string;
  /** The page's origin; the only OAuth callback / sign-out URL. */
  readonly pageOrigin: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Agents sign in with Cognito: no self sign-up (an admin creates agents), strong passwords, MFA
 * required (TOTP), an `agents` group, a resource server whose scope the API demands, and one
 * public app client for the page (authorization code + PKCE, no secret) on the hosted UI domain.
 */
export class AgentsAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  /** Full scope name as it appears in access tokens. */
  readonly scope: string;

  constructor(scope: Construct, id: string, props: AgentsAuthProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      // A human username (e.g. `jane`) is what the access token's `username` claim carries and
      // what the audit trail records; the email address works as a sign-in alias.
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG3',
        reason: 'Threat protection needs the Plus feature plan (per-user cost); MFA is required instead.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason: 'Essentials plan: a handful of admin-created agents with required MFA; Plus is opt-in cost.',
      },
    );

    new cognito.CfnUserPoolGroup(this, 'AgentsGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: AGENTS_GROUP,
      description: 'Support agents: may use the queue API',
    });

    const agentScope = new cognito.ResourceServerScope({
      scopeName: AGENT_SCOPE,
      scopeDescription: 'Work the support queue',
    });
    const resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: RESOURCE_SERVER_ID,
      scopes: [agentScope],
    });
    this.scope = `${RESOURCE_SERVER_ID}/${AGENT_SCOPE}`;

    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });

    const pageUrl = `${props.pageOrigin}/`;
    this.client = this.userPool.addClient('PageClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [
          cognito.OAuthScope.OPENID,
          cognito.OAuthScope.EMAIL,
          cognito.OAuthScope.resourceServer(resourceServer, agentScope),
        ],
        callbackUrls: [pageUrl],
        logoutUrls: [pageUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    });
  }

  /** The hosted UI base URL, e.g. https://prefix.auth.us-east-1.amazoncognito.com */
  get hostedUiUrl(): string {
    return this.domain.baseUrl();
  }
}

export interface AgentsApiProps {
  readonly handler: lambda.IFunction;
  readonly auth: AgentsAuth;
  readonly pageOrigin: string;
  readonly rateLimit: number;
  readonly burstLimit: number;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The agents' API: an HTTP API whose every route (`GET|POST|PATCH /{proxy+}`, the handler routes inside)
 * requires a Cognito access token carrying the agent scope; CORS for the page's origin only;
 * JSON access logs; stage throttling.
 */
export class AgentsApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly url: string;

  constructor(scope: Construct, id: string, props: AgentsApiProps) {
    super(scope, id);

    const authorizer = new HttpJwtAuthorizer('CognitoJwt', props.auth.userPool.userPoolProviderUrl, {
      jwtAudience: [props.auth.client.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });

    this.api = new apigw.HttpApi(this, 'HttpApi', {
      description: 'kdp-triage agents queue API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.pageOrigin],
        allowMethods: [
          apigw.CorsHttpMethod.GET,
          apigw.CorsHttpMethod.POST,
          apigw.CorsHttpMethod.PATCH,
          apigw.CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['authorization', 'content-type', 'if-match'],
        exposeHeaders: ['etag'],
        maxAge: Duration.hours(1),
      },
      defaultAuthorizer: authorizer,
      defaultAuthorizationScopes: [props.auth.scope],
    });
    this.api.addRoutes({
      path: '/{proxy+}',
      // Explicit methods, not ANY: an ANY route would also match CORS preflights (OPTIONS) and
      // send them to the authorizer; without an OPTIONS route API Gateway answers them itself.
      methods: [apigw.HttpMethod.GET, apigw.HttpMethod.POST, apigw.HttpMethod.PATCH],
      integration: new HttpLambdaIntegration('Handler', props.handler),
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    const stage = this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            authError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    this.url = stage.url;
  }
}
