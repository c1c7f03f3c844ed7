// A RoomOS macro: two panel buttons change the volume. Run it locally with "xAPI: Run Macro Locally"
// (breakpoints work with "xAPI: Debug Macro Locally"), or "xAPI: Deploy Macro to Device".
import xapi from 'xapi';

xapi.Event.UserInterface.Extensions.Widget.Action.on(async event => {
  if (event.Type !== 'clicked') return;
  if (event.WidgetId === 'louder') await xapi.Command.Audio.Volume.Increase({ Steps: 1 });
  if (event.WidgetId === 'quieter') await xapi.Command.Audio.Volume.Decrease({ Steps: 1 });
  console.log('volume is now', await xapi.Status.Audio.Volume.get());
});

console.log('volume-buttons ready');
