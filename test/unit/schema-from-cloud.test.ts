/**
 * A cloud device's schema model (schema/load/cloud.ts) from what the Webex cloud gives: JSON Schemas of statuses
 * and commands, configurations with value spaces, and a published schema for events, descriptions and roles. The
 * shapes follow the spec's own example of `GET /xapi/schema` (`Network[1..n].Wifi.Noise`, an Icon Upload command
 * with a body) and its configuration items.
 */
import assert from 'node:assert/strict';
import { CLOUD_SOURCE, parseCloudSchema, segmentsOf, valueSpaceOf } from '../../schema/load/cloud';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core } from '../../schema/sources';
import { multilineFromIndex, parseXcli, validateXcli } from '../../schema/xcli';

const DOCS = {
  schema: {
    status: {
      'Conference.HideNonVideo.Active': { schema: { enum: ['True', 'False'], type: 'string' } },
      'Network[1..n].Wifi.Noise': { schema: { type: 'integer' } },
      'Audio.Volume': { schema: { type: 'integer', minimum: 0, maximum: 100 } },
    },
    commands: {
      'UserInterface.Extensions.Icon.Upload': {
        arguments: { Id: { required: false, schema: { type: 'string', maxLength: 128, minLength: 0 } } },
        resultSchema: { type: ['object', 'null'] },
        bodySchema: { schema: { type: ['object', 'string'], maxLength: 4194304 } },
      },
      'Audio.Volume.Set': { arguments: { Level: { required: true, schema: { type: 'integer', minimum: 0, maximum: 100 } } } },
    },
  },
  configurations: {
    'Audio.DefaultVolume': { valueSpace: { type: 'integer', minimum: 0, maximum: 100 }, sources: { default: { value: 50 } } },
    'FacilityService.Service[1].Name': { valueSpace: { type: 'string', maxLength: 1024 } },
    'FacilityService.Service[3].Name': { valueSpace: { type: 'string', maxLength: 1024 } },
  },
};

describe('schema of a cloud device', () => {
  it('reads the cloud\'s keys, ranges included', () => {
    assert.deepEqual(segmentsOf('Network[1..n].Wifi.Noise'), [{ name: 'Network', index: { min: 1 } }, { name: 'Wifi' }, { name: 'Noise' }]);
    assert.deepEqual(segmentsOf('Service[2]'), [{ name: 'Service', index: { min: 2, max: 2 } }]);
    assert.deepEqual(segmentsOf('Input.Connector[1..5].Mode'), [{ name: 'Input' }, { name: 'Connector', index: { min: 1, max: 5 } }, { name: 'Mode' }]);
    assert.equal(segmentsOf('Bad..Key'), undefined);
  });

  it('turns JSON Schemas into value spaces', () => {
    assert.deepEqual(valueSpaceOf({ enum: ['On', 'Off'], type: 'string' }), { type: 'Literal', values: [{ value: 'On' }, { value: 'Off' }] });
    assert.deepEqual(valueSpaceOf({ type: 'integer', minimum: -1, maximum: 9 }), { type: 'Integer', min: -1, max: 9 });
    assert.deepEqual(valueSpaceOf({ type: 'string', minLength: 0, maxLength: 255 }), { type: 'String', minLength: 0, maxLength: 255 });
    assert.deepEqual(valueSpaceOf({ type: 'array', items: { type: 'integer' }, maxItems: 4 }), { type: 'Integer', multiple: 4 });
    assert.deepEqual(valueSpaceOf(undefined), { type: 'String' });
  });

  it('makes statuses, commands and configurations the device has, configuration ids as a range, each saying its source', () => {
    const schema = parseCloudSchema({ ...DOCS, version: '11.27.2.0' });
    assert.equal(schema.version, '11.27.2.0');
    assert.equal(schema.source, 'device');
    const index = new SchemaIndex(schema);
    const noise = index.lookup('Status', ['Network', 'Wifi', 'Noise'])!;
    assert.deepEqual(noise.variants[0].path[0], { name: 'Network', index: { min: 1 } });
    const upload = index.lookup('Command', ['UserInterface', 'Extensions', 'Icon', 'Upload'])!.variants[0];
    assert.equal(upload.multiline, true, 'a body schema: a multiline command');
    assert.deepEqual(upload.params, [{ name: 'Id', required: false, valueSpace: { type: 'String', minLength: 0, maxLength: 128 } }]);
    assert.equal(upload.extra?.schemaSource, CLOUD_SOURCE.schema);
    const service = index.lookup('Configuration', ['FacilityService', 'Service', 'Name'])!.variants[0];
    assert.deepEqual(service.path[1], { name: 'Service', index: { min: 1, max: 3 } }, 'ids 1 and 3: the range 1..3');
    assert.equal(service.extra?.schemaSource, CLOUD_SOURCE.configurations);
    assert.equal(index.lookup('Configuration', ['Audio', 'DefaultVolume'])!.variants[0].default, '50');
    assert.equal(index.count('Event'), 0, 'no events without a published schema');
  });

  it('with a published schema: its descriptions and roles fill in, its events come along; the device\'s shapes win', () => {
    const published = core();
    const schema = parseCloudSchema({ ...DOCS, version: '11.27.2.0', published, product: 'hopen' });
    const index = new SchemaIndex(schema);
    const set = index.lookup('Command', ['Audio', 'Volume', 'Set'])!.variants[0];
    const pub = new SchemaIndex(published).lookup('Command', ['Audio', 'Volume', 'Set'])!.variants[0];
    assert.equal(set.description, pub.description);
    assert.deepEqual(set.writeRoles, pub.writeRoles);
    assert.equal(set.extra?.schemaSource, CLOUD_SOURCE.schema, 'the shape is the device\'s');
    assert.ok(index.count('Event') > 0);
    const event = index.lookup('Event', ['UserInterface', 'Extensions', 'Widget', 'Action'])!.variants[0];
    assert.equal(event.extra?.schemaSource, CLOUD_SOURCE.published(published.version));
    assert.equal(index.lookup('Status', ['SystemUnit', 'Uptime']), undefined, 'nothing the device did not list');
  });

  it('checks .xapi lines against it as against any schema', () => {
    const index = new SchemaIndex(parseCloudSchema({ ...DOCS, version: '11.27.2.0' }));
    const text = 'xCommand Audio Volume Set Level: 200\nxConfiguration Audio DefaultVolume: 40\nxStatus Audio Volume\nxStatus Audio Volumee\n';
    const diags = validateXcli(parseXcli(text, { isMultiline: multilineFromIndex(index) }), index);
    assert.deepEqual(diags.map(d => [d.range.start.line, d.code]), [[0, 'out-of-range'], [3, 'unknown-path']]);
  });
});
