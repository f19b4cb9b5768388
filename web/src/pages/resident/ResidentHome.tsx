import type { PageProps } from '../../App';
import { MyFile } from '../MyFile';
import { MyTickets } from './MyTickets';

/** A resident's one page: their own file and who has read it, then their requests and how far they are. */
export function ResidentHome(props: PageProps) {
  return (
    <>
      <MyFile {...props} />
      <MyTickets session={props.session} />
    </>
  );
}
