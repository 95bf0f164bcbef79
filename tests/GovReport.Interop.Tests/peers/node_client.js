#!/usr/bin/env node
// GovReport interop client on @grpc/grpc-js + @grpc/proto-loader (a gRPC stack nobody here wrote).
//
//   NODE_PATH=tests/.tools/node/node_modules node node_client.js SCENARIO --target 127.0.0.1:5080 \
//     --protos protos --google-protos tests/.tools/node/node_modules/google-proto-files [--ca ca.pem] [--token grt_...]
//
// Loads protos/govreport/testing/v1/echo.proto (and govreport/v1/template.proto) at run time (no code generation) and prints one JSON object with
// what it observed; the xunit test asserts on it.
'use strict';
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

function parseArgs(argv) {
  const args = { scenario: argv[0] };
  for (let i = 1; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  return args;
}

const args = parseArgs(process.argv.slice(2));
const definition = protoLoader.loadSync('govreport/testing/v1/echo.proto', {
  includeDirs: [args.protos], keepCase: true, defaults: true, longs: Number,
});
const EchoService = grpc.loadPackageDefinition(definition).govreport.testing.v1.EchoService;
const templateDefinition = protoLoader.loadSync('govreport/v1/template.proto', {
  includeDirs: [args.protos], keepCase: true, defaults: true,
});
const TemplateService = grpc.loadPackageDefinition(templateDefinition).govreport.v1.TemplateService;

// google.rpc.Status and its detail messages, to decode grpc-status-details-bin.
const rpcRoot = new protobuf.Root();
rpcRoot.resolvePath = (origin, target) =>
  target.startsWith('google/protobuf/') ? target : path.join(args['google-protos'], target);
rpcRoot.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto']);
const StatusType = rpcRoot.lookupType('google.rpc.Status');

function describeError(err) {
  const out = { code: grpc.status[err.code], details: err.details };
  const raw = err.metadata && err.metadata.get('grpc-status-details-bin')[0];
  if (raw) {
    const status = StatusType.decode(raw);
    out.status_code = status.code;
    out.status_message = status.message;
    out.detail_types = status.details.map((any) => any.type_url);
    for (const any of status.details) {
      const typeName = any.type_url.split('/').pop();
      const decoded = rpcRoot.lookupType(typeName).decode(any.value);
      if (typeName === 'google.rpc.BadRequest') {
        out.violations = decoded.fieldViolations.map((v) => ({ field: v.field, description: v.description }));
      } else if (typeName === 'google.rpc.ErrorInfo') {
        out.error_info = { reason: decoded.reason, domain: decoded.domain };
      }
    }
  }
  return out;
}

function metadataObject(md) {
  const out = {};
  for (const [key, values] of Object.entries(md.getMap())) {
    out[key] = Buffer.isBuffer(values) ? values.toString('base64') : values;
  }
  return out;
}

const deadline = (ms) => new Date(Date.now() + ms);
const unary = (client, method, request, options = {}, metadata = new grpc.Metadata()) =>
  new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: deadline(10000), ...options }, (err, reply) =>
      (err ? reject(err) : resolve(reply)));
  });
const failure = (promise) => promise.then(() => ({ code: 'OK' }), describeError);

async function run(scenario) {
  const options = { 'grpc.max_receive_message_length': 16 * 1024 * 1024 };
  let credentials = grpc.credentials.createInsecure();
  if (args.ca) credentials = grpc.credentials.createSsl(fs.readFileSync(args.ca));
  if (scenario === 'gzip') options['grpc.default_compression_algorithm'] = 2; // gzip
  const client = new EchoService(args.target, credentials, options);
  try {
    switch (scenario) {
      case 'unary':
      case 'tls':
        return { text: (await unary(client, 'Echo', { text: '你好，政府信息公开' })).text };
      case 'server_streaming': {
        const replies = await new Promise((resolve, reject) => {
          const got = [];
          const call = client.Expand({ text: '报告', count: 5 }, { deadline: deadline(10000) });
          call.on('data', (r) => got.push(r));
          call.on('error', reject);
          call.on('end', () => resolve(got));
        });
        return { texts: replies.map((r) => r.text), indexes: replies.map((r) => r.index) };
      }
      case 'client_streaming': {
        const reply = await new Promise((resolve, reject) => {
          const call = client.Collect({ deadline: deadline(10000) }, (err, r) => (err ? reject(err) : resolve(r)));
          for (const text of ['一', '二', '三']) call.write({ text });
          call.end();
        });
        return { text: reply.text, count: reply.count };
      }
      case 'bidi': {
        // Ping-pong: each request is written only after the previous reply arrived.
        const texts = await new Promise((resolve, reject) => {
          const got = [];
          const call = client.Chat({ deadline: deadline(10000) });
          call.on('data', (r) => {
            got.push(r.text);
            if (got.length < 3) call.write({ text: `第${got.length + 1}条` }); else call.end();
          });
          call.on('error', reject);
          call.on('end', () => resolve(got));
          call.write({ text: '第1条' });
        });
        return { texts };
      }
      case 'error_details':
        return await failure(unary(client, 'Echo', { text: 'x', fail_with_code: 3 }));
      case 'deadline':
        return await failure(unary(client, 'Echo', { text: 'slow', delay_ms: 5000 }, { deadline: deadline(300) }));
      case 'unimplemented': {
        const codes = {};
        for (const method of ['/govreport.testing.v1.EchoService/NoSuchMethod', '/govreport.testing.v1.NoSuchService/Echo']) {
          const r = await failure(new Promise((resolve, reject) => {
            client.makeUnaryRequest(method, (b) => b, (b) => b, Buffer.alloc(0), new grpc.Metadata(),
              { deadline: deadline(10000) }, (err, reply) => (err ? reject(err) : resolve(reply)));
          }));
          codes[method] = r.code;
        }
        return { codes };
      }
      case 'metadata': {
        const md = new grpc.Metadata();
        md.set('x-echo', 'hello-metadata');
        md.set('x-echo-bin', Buffer.from([0, 1, 2, 0xfe, 0xff]));
        return await new Promise((resolve, reject) => {
          let headers = {};
          const call = client.Echo({ text: 'md' }, md, { deadline: deadline(10000) }, (err, reply) => {
            if (err) reject(err);
            else call.on('status', (s) => resolve({ text: reply.text, headers, trailers: metadataObject(s.metadata) }));
          });
          call.on('metadata', (m) => { headers = metadataObject(m); });
        });
      }
      case 'gzip': {
        const payload = Buffer.from('国务院办公厅政府信息公开'.repeat(4000));
        const reply = await unary(client, 'Echo', { text: 'gz', payload_bytes: payload });
        return { text: reply.text, payload_equal: Buffer.compare(reply.payload_bytes, payload) === 0, size: payload.length };
      }
      case 'oversized': {
        const out = await failure(unary(client, 'Echo', { text: 'big', payload_bytes: Buffer.alloc(5 * 1024 * 1024) },
          { deadline: deadline(20000) }));
        out.after = (await unary(client, 'Echo', { text: 'after' })).text;
        return out;
      }
      case 'token': {
        const templates = new TemplateService(args.target, credentials, options);
        try {
          const auth = new grpc.Metadata();
          auth.set('authorization', `Bearer ${args.token}`);
          const reply = await unary(templates, 'ListTemplates', {}, {}, auth);
          const withoutToken = await failure(unary(templates, 'ListTemplates', {}));
          return { names: reply.templates.map((t) => t.name), without_token: withoutToken };
        } finally {
          templates.close();
        }
      }
      case 'health': {
        const raw = await new Promise((resolve, reject) => {
          client.makeUnaryRequest('/grpc.health.v1.Health/Check', (b) => b, (b) => b, Buffer.alloc(0),
            new grpc.Metadata(), { deadline: deadline(10000) }, (err, reply) => (err ? reject(err) : resolve(reply)));
        });
        return { response_hex: raw.toString('hex') };
      }
      default:
        throw new Error(`unknown scenario ${scenario}`);
    }
  } finally {
    client.close();
  }
}

run(args.scenario).then(
  (result) => { process.stdout.write(`${JSON.stringify(result)}\n`); },
  (err) => { process.stderr.write(`${err.stack || err}\n${JSON.stringify(describeError(err))}\n`); process.exitCode = 1; },
);
