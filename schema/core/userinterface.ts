/** UserInterface messages: alerts, prompts, text input, ratings and text lines, with their events. */
import type { SchemaNode } from '../model';
import { command, config, status, event, int, str, lit, p, maybe } from './dsl';

export const userinterface: SchemaNode[] = [
  command('UserInterface Message Alert Display', 'AIR', 'Shows a message box on the device screens until cleared or timed out.', [
    p('Duration', int(0, 3600), { def: '0', d: 'Seconds before it closes by itself; 0 keeps it up.' }),
    p('Text!', str(0, 255), 'Body text of the message box.'),
    p('Title', str(0, 255), { def: '', d: 'Heading of the message box.' }),
  ]),
  command('UserInterface Message Alert Clear', 'AIRU', 'Removes the alert shown by Alert Display.'),
  command('UserInterface Message Prompt Display', 'AIR', 'Asks the user to pick one of up to five options.', [
    p('Duration', int(0, 3600), { def: '0', d: 'Seconds before it closes by itself; 0 keeps it up.' }),
    p('FeedbackId', str(0, 255), 'Your tag, echoed back in the Response event so you can match it.'),
    p('Option.1', str(0, 255), 'Label of the first choice.'),
    p('Option.2', str(0, 255), 'Label of the second choice.'),
    p('Option.3', str(0, 255), 'Label of the third choice.'),
    p('Option.4', str(0, 255), 'Label of the fourth choice.'),
    p('Option.5', str(0, 255), 'Label of the fifth choice.'),
    p('Text!', str(0, 255), 'Question shown above the options.'),
    p('Title', str(0, 255), 'Heading of the prompt.'),
  ]),
  command('UserInterface Message Prompt Clear', 'AIRU', 'Closes an open prompt.', [
    p('FeedbackId', str(0, 255), { def: '', d: 'Tag of the prompt to close.' }),
  ]),
  command('UserInterface Message Prompt Response', 'AIRU', 'Answers an open prompt as if the user had tapped an option.', [
    p('FeedbackId', str(0, 255), { def: '', d: 'Tag of the prompt being answered.' }),
    p('OptionId!', int(1, 5), 'Number of the chosen option, 1 to 5.'),
  ]),
  command('UserInterface Message TextInput Display', 'AIR', 'Opens a keyboard dialog so the user can type a reply.', [
    p('Duration', int(0, 3600), { def: '0', d: 'Seconds before it closes by itself; 0 keeps it up.' }),
    p('FeedbackId', str(0, 255), 'Your tag, echoed back in the Response event so you can match it.'),
    p('InputText', str(0, 255), { def: '', d: 'Text the field starts with.' }),
    p('InputType', lit('SingleLine', 'Numeric', 'Password', 'PIN'), { def: 'SingleLine', d: 'Kind of keyboard and masking to use.' }),
    p('KeyboardState', lit('Open', 'Closed'), { def: 'Open', d: 'Whether the on-screen keyboard opens at once.' }),
    p('Placeholder', str(0, 255), { def: '', d: 'Grey hint text inside the empty field.' }),
    p('SubmitText', str(0, 32), { def: 'OK', d: 'Label of the submit button.' }),
    p('Text!', str(0, 128), 'Instructions shown above the input field.'),
    p('Title', str(0, 40), { def: '', d: 'Heading of the dialog.' }),
  ]),
  command('UserInterface Message TextInput Clear', 'AIRU', 'Closes an open text input dialog.', [
    p('FeedbackId', str(0, 255), { def: '', d: 'Tag of the dialog to close.' }),
  ]),
  command('UserInterface Message TextInput Response', 'AIRU', 'Submits text to an open input dialog as if typed.', [
    p('FeedbackId', str(0, 255), { def: '', d: 'Tag of the dialog being answered.' }),
    p('Text!', str(0, 255), 'The submitted text.'),
  ]),
  command('UserInterface Message Rating Display', 'AIR', 'Asks the user for a star rating.', [
    p('Duration', int(0, 3600), { def: '0', d: 'Seconds before it closes by itself; 0 keeps it up.' }),
    p('FeedbackId', str(0, 255), { def: '', d: 'Your tag, echoed back in the Response event.' }),
    p('SubmitReceiptText', str(0, 128), { def: '', d: 'Body of the thank-you note after submitting.' }),
    p('SubmitReceiptTitle', str(0, 40), { def: '', d: 'Heading of the thank-you note after submitting.' }),
    p('Text!', str(0, 128), 'Question shown with the stars.'),
    p('Title', str(0, 40), { def: '', d: 'Heading of the rating dialog.' }),
  ]),
  command('UserInterface Message Rating Clear', 'AIRU', 'Closes an open rating dialog.', [
    p('FeedbackId', str(0, 255), { def: '', d: 'Tag of the dialog to close.' }),
  ]),
  command('UserInterface Message TextLine Display', 'AIR', 'Shows a line of text over the video at a chosen position.', [
    p('Duration', int(0, 3600), { def: '0', d: 'Seconds before it disappears; 0 keeps it up.' }),
    p('Text!', str(0, 140), 'The text to show.'),
    p('X', int(1, 10000), { def: '0', d: 'Horizontal position on a 1 to 10000 grid.' }),
    p('Y', int(1, 10000), { def: '0', d: 'Vertical position on a 1 to 10000 grid.' }),
  ]),
  command('UserInterface Message TextLine Clear', 'AIRU', 'Removes the text line.'),
  event('UserInterface Message Alert Display', 'AUIR', 'Fires when an alert appears on screen, with what it shows.', {
    Duration: int(),
    Text: str(),
    Title: str(),
  }),
  event('UserInterface Message Prompt Display', 'AUIR', 'Fires when a prompt appears on screen, with its options.', {
    Duration: maybe(int()),
    FeedbackId: maybe(str()),
    'Option.1': maybe(str()),
    'Option.2': maybe(str()),
    'Option.3': maybe(str()),
    'Option.4': maybe(str()),
    'Option.5': maybe(str()),
    Text: str(),
    Title: maybe(str()),
  }),
  event('UserInterface Message TextInput Display', 'AUIR', 'Fires when a text input dialog appears on screen.', {
    Duration: int(),
    FeedbackId: maybe(str()),
    InputText: str(),
    InputType: str(),
    KeyboardState: str(),
    Placeholder: str(),
    SubmitText: str(),
    Text: str(),
    Title: str(),
  }),
  event('UserInterface Message Alert Cleared', 'AUIR', 'Fires when an alert has been closed.'),
  event('UserInterface Message Prompt Response', 'AUIR', 'Fires when the user picks an option in a prompt.', {
    FeedbackId: str(),
    OptionId: int(),
  }),
  event('UserInterface Message Prompt Cleared', 'AUIR', 'Fires when a prompt closes without an answer.', {
    FeedbackId: str(),
  }),
  event('UserInterface Message TextInput Response', 'AUIR', 'Fires when the user submits text in an input dialog.', {
    FeedbackId: str(),
    Text: str(),
  }),
  event('UserInterface Message TextInput Clear', 'AUIR', 'Fires when an input dialog closes without a reply.', {
    FeedbackId: str(),
  }),
  event('UserInterface Message Rating Response', 'AUIR', 'Fires when the user submits a star rating.', {
    FeedbackId: str(),
    Rating: int(),
  }),
  event('UserInterface Message Rating Cleared', 'AUIR', 'Fires when a rating dialog closes without an answer.', {
    FeedbackId: str(),
  }),
  event('UserInterface Message TextLine Cleared', 'AU', 'Fires when the text line goes away.'),
  config('UserInterface Language', lit(
      'Arabic', 'Catalan', 'ChineseSimplified', 'ChineseTraditional', 'Czech', 'Danish', 'Dutch',
      'English', 'EnglishUK', 'Finnish', 'French', 'FrenchCanadian', 'German', 'Hebrew', 'Hungarian',
      'Italian', 'Japanese', 'Korean', 'Norwegian', 'Polish', 'Portuguese', 'PortugueseBrazilian',
      'Russian', 'Spanish', 'SpanishLatin', 'Swedish', 'Turkish', 'Ukrainian',
    ), { def: 'English', set: 'AU', read: 'AU' }, 'Language of the on-screen user interface.'),
  config('UserInterface SettingsMenu Mode', lit('Locked', 'Unlocked'), { def: 'Unlocked', set: 'A', read: 'AU' },
    'Locks the settings menu so only administrators can open it.'),
  config('UserInterface Features HideAll', lit('False', 'True'), { def: 'False', set: 'AIT', read: 'AITU' },
    'Hides every built-in button so only custom UI extensions remain.'),
  status('UserInterface ContactInfo Name', str(), 'AU', 'The name the device presents itself with on screen.'),
];
