import xapi from 'xapi';

xapi.Command.Audio.Volume.Set({ Level: 150 });
