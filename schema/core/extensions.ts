/** UserInterface Extensions: panels and widgets made with the UI Extensions editor, and their events. */
import type { SchemaNode } from '../model';
import { command, status, event, str, lit, p } from './dsl';

export const extensions: SchemaNode[] = [
  command('UserInterface Extensions Panel Save', 'AIR', 'Creates or replaces a panel from the XML in the command body.', [
    p('PanelId!', str(1, 255), 'Identifier of the panel; an existing panel with this id is overwritten.'),
  ], { multiline: true }),
  command('UserInterface Extensions Panel Remove', 'AIR', 'Deletes a panel.', [
    p('PanelId!', str(0, 255), 'Identifier of the panel to delete.'),
  ]),
  command('UserInterface Extensions Panel Open', 'AIRU', 'Opens a panel on the touch screen, optionally at a given page.', [
    p('PageId', str(0, 255), 'Page of the panel to show first.'),
    p('PanelId!', str(0, 255), 'Panel to open.'),
  ]),
  command('UserInterface Extensions Panel Close', 'AIRU', 'Closes whichever panel is open.'),
  command('UserInterface Extensions Panel Clicked', 'AIRU', 'Acts as if the user had tapped a panel button.',
    [p('PanelId!', str(0, 255), 'Panel whose button is tapped.')]),
  command('UserInterface Extensions Panel Update', 'AIRU', 'Changes the name, icon, colour or placement of an existing panel.', [
    p('Color', str(0, 255), 'Button colour as a hex code.'),
    p('Icon', lit(
      'Briefing', 'Camera', 'Concierge', 'Disc', 'Handset', 'Help', 'Helpdesk', 'Home', 'Hvac', 'Info',
      'Input', 'Language', 'Laptop', 'Lightbulb', 'Media', 'Microphone', 'Power', 'Proximity',
      'Record', 'Spark', 'Tv', 'Webex', 'General', 'Custom',
    ), 'Built-in icon to use.'),
    p('IconId', str(0, 255), 'Uploaded custom icon to use instead.'),
    p('Location', lit('HomeScreen', 'CallControls', 'HomeScreenAndCallControls', 'ControlPanel', 'Hidden'), 'Where the panel button appears.'),
    p('Name', str(0, 255), 'New label.'),
    p('PanelId!', str(0, 255), 'Panel to change.'),
    p('Visibility', lit('Auto', 'Hidden'), 'Whether the panel button is shown.'),
  ]),
  command('UserInterface Extensions List', 'AIRU', 'Returns every UI extension as XML.', [
    p('ActivityType', lit('Custom', 'WebWidget'), 'Limits the list to one kind of extension.'),
  ]),
  command('UserInterface Extensions Clear', 'AIR', 'Deletes every UI extension (or every one of one kind).', [
    p('ActivityType', lit('Custom', 'WebWidget'), 'Limits the deletion to one kind of extension.'),
  ]),
  command('UserInterface Extensions Export', 'AIR', 'Packs the UI extensions into one exportable document.', [
    p('EmbedData', lit('On', 'Off'), 'Whether icons and other files are included.'),
  ]),
  command('UserInterface Extensions Set', 'AIR', 'Replaces all UI extensions with the XML in the command body.',
    [p('ConfigId!', str(0, 40), 'Name for the uploaded set.')], { multiline: true }),
  command('UserInterface Extensions Widget SetValue', 'AIR',
    'Sets what a widget shows, e.g. a slider position or a toggle state.', [
    p('Value!', str(0, 255), 'The new value, always as text.'),
    p('WidgetId!', str(0, 255), 'Widget to update.'),
  ]),
  command('UserInterface Extensions Widget UnsetValue', 'AIR', 'Returns a widget to its empty state.',
    [p('WidgetId!', str(0, 255), 'Widget to reset.')]),
  command('UserInterface Extensions Widget Action', 'AIRU', 'Acts as if the user had operated a widget.', [
    p('Type', str(0, 255), 'Kind of interaction, e.g. pressed or changed.'),
    p('Value', str(0, 255), 'Value carried by the interaction.'),
    p('WidgetId!', str(0, 255), 'Widget that is operated.'),
  ]),
  status('UserInterface Extensions Widget[n] WidgetId', str(), 'AIRU', 'Identifier of a widget that currently holds a value.'),
  status('UserInterface Extensions Widget[n] Value', str(), 'AIRU', 'Value the widget currently holds.'),
  event('UserInterface Extensions Widget Action', 'AUIR', 'Fires when a user presses, releases, clicks or changes a widget.', {
    Type: str(),
    Value: str(),
    WidgetId: str(),
  }),
  event('UserInterface Extensions Panel Clicked', 'AUIR', 'Fires when the user taps a panel button.', {
    PanelId: str(),
  }),
  event('UserInterface Extensions Panel Open', 'AUIR', 'Fires when a panel has been opened.', {
    PageId: str(),
    PanelId: str(),
  }),
  event('UserInterface Extensions Panel Close', 'AUIR', 'Fires when the open panel has been closed.'),
  // The older widget events: Signal is "<WidgetId>" or "<WidgetId>:<value>".
  event('UserInterface Extensions Event Pressed', 'AUIR', 'Older form of the widget press event.', {
    Signal: str(),
  }),
  event('UserInterface Extensions Event Released', 'AUIR', 'Older form of the widget release event.', {
    Signal: str(),
  }),
  event('UserInterface Extensions Event Clicked', 'AUIR', 'Older form of the widget click event.', {
    Signal: str(),
  }),
  event('UserInterface Extensions Event Changed', 'AUIR', 'Older form of the widget change event.', {
    Signal: str(),
  }),
  event('UserInterface Extensions Event PageOpened', 'AUIR', 'Fires when a panel page becomes visible.', {
    PageId: str(),
  }),
  event('UserInterface Extensions Event PageClosed', 'AUIR', 'Fires when a panel page is hidden again.', {
    PageId: str(),
  }),
  // The newer form of the two above (Type is a literal in the published schemas, its values unlisted).
  event('UserInterface Extensions Page Action', 'AUIR', 'Fires when a panel page opens or closes.', {
    PageId: str(),
    Type: lit(),
  }),
  event('UserInterface Extensions Widget LayoutUpdated', 'AUIR', 'Fires after the set of extensions has changed.'),
];
