/** HttpClient: outgoing HTTP requests from macros and integrations. */
import type { CommandParam, SchemaNode } from '../model';
import { command, config, int, str, lit, many, p } from './dsl';

/** Every HttpClient request command takes the same parameters; only two texts differ. */
function requestParams(resultBodyDefault: string, url: string): CommandParam[] {
  return [
    p('AllowInsecureHTTPS', lit('False', 'True'), { def: 'False', d: 'Accept servers whose certificate cannot be verified.' }),
    p('Header', many(str(0, 3072), 20), 'A request header as "Name: value"; repeat for several.'),
    p('ResponseSizeLimit', int(1, 1048576), { def: '1048576', d: 'Largest response accepted, in bytes.' }),
    p('ResultBody', lit('None', 'PlainText', 'Base64'), {
      def: resultBodyDefault, d: 'Whether and how the response body is included in the result.',
    }),
    p('Timeout', int(1, 30), { def: '30', d: 'Seconds to wait for an answer.' }),
    p('Url!', str(8, 2048), url),
  ];
}

export const httpclient: SchemaNode[] = [
  command('HttpClient Get', 'A', 'Sends an HTTP GET from the device and returns the response.',
    requestParams('PlainText', 'Address to request.')),
  command('HttpClient Post', 'A', 'Sends an HTTP POST with the command body as payload.',
    requestParams('None', 'Address to post to.'), { multiline: true }),
  command('HttpClient Put', 'A', 'Sends an HTTP PUT with the command body as payload.',
    requestParams('None', 'Address to send to.'), { multiline: true }),
  command('HttpClient Patch', 'A', 'Sends an HTTP PATCH with the command body as payload.',
    requestParams('None', 'Address to send to.'), { multiline: true }),
  command('HttpClient Delete', 'A', 'Sends an HTTP DELETE.',
    requestParams('None', 'Address of the resource to delete.')),
  config('HttpClient Mode', lit('Off', 'On'), { def: 'Off', set: 'A', read: 'AU' },
    'Master switch for outgoing HTTP requests made through the xAPI.'),
  config('HttpClient AllowHTTP', lit('False', 'True'), { def: 'True', set: 'A', read: 'AU' },
    'Allows plain, unencrypted http:// requests.'),
  config('HttpClient AllowInsecureHTTPS', lit('False', 'True'), { def: 'False', set: 'A', read: 'AU' },
    'Lets requests skip certificate checks when they ask to.'),
  config('HttpClient UseHttpProxy', lit('Off', 'On'), { def: 'On', set: 'A', read: 'AU' },
    'Sends outgoing requests through the configured proxy.'),
];
