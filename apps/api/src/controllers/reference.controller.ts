import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseBoolPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, Role } from '@spcomms/access';
import {
  AddTermDto,
  CreateMandateDto,
  CreateMandateHolderDto,
  CreateOtherRecipientDto,
  EndMandateDto,
  EndTermDto,
  IssueStandingInvitationDto,
  MandateDto,
  MandateHolderDto,
  MandateHoldersService,
  OtherRecipientDto,
  ReferenceService,
  RenameMandateHolderDto,
  StandingInvitationDto,
  StateDto,
  UpdateMandateDto,
  UpdateStateDto,
  WithdrawStandingInvitationDto,
} from '@spcomms/reference';
import { Authenticated, CurrentActor, PublicRoute } from '../auth/auth.decorators';
import { StateCodePipe } from './state-code.pipe';

@ApiTags('reference')
@Controller()
export class ReferenceController {
  constructor(
    private readonly reference: ReferenceService,
    private readonly holders: MandateHoldersService,
  ) {}

  @Get('states')
  @PublicRoute()
  @ApiOperation({
    summary:
      'The 193 Member States, 2 observer States and the pseudo-recipient OTH, with names in the six UN languages',
  })
  @ApiOkResponse({ type: [StateDto] })
  listStates(): Promise<StateDto[]> {
    return this.reference.listStates();
  }

  @Get('states/:code')
  @PublicRoute()
  @ApiOkResponse({ type: StateDto })
  getState(@Param('code', StateCodePipe) code: string): Promise<StateDto> {
    return this.reference.getState(code);
  }

  @Patch('states/:code')
  @Authenticated(Role.Admin, Role.Government)
  @ApiOperation({
    summary:
      "Set the language of the e-mails to the State's focal points (an administrator, or the State's own account)",
  })
  @ApiOkResponse({ type: StateDto })
  updateState(
    @CurrentActor() actor: Actor,
    @Param('code', StateCodePipe) code: string,
    @Body() dto: UpdateStateDto,
  ): Promise<StateDto> {
    return this.reference.updateState(actor, code, dto);
  }

  @Post('states/:code/standing-invitation')
  @Authenticated(Role.Admin)
  @ApiOperation({ summary: 'Record a standing invitation issued by the State (V2)' })
  @ApiCreatedResponse({ type: StandingInvitationDto })
  issueStandingInvitation(
    @CurrentActor() actor: Actor,
    @Param('code', StateCodePipe) code: string,
    @Body() dto: IssueStandingInvitationDto,
  ): Promise<StandingInvitationDto> {
    return this.reference.issueStandingInvitation(actor, code, dto);
  }

  @Post('states/:code/standing-invitation/withdraw')
  @Authenticated(Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StandingInvitationDto })
  withdrawStandingInvitation(
    @CurrentActor() actor: Actor,
    @Param('code', StateCodePipe) code: string,
    @Body() dto: WithdrawStandingInvitationDto,
  ): Promise<StandingInvitationDto> {
    return this.reference.withdrawStandingInvitation(actor, code, dto);
  }

  @Get('standing-invitations')
  @PublicRoute()
  @ApiOperation({ summary: 'States with a standing invitation in force' })
  @ApiOkResponse({ type: [StandingInvitationDto] })
  listStandingInvitations(): Promise<StandingInvitationDto[]> {
    return this.reference.listStandingInvitations();
  }

  @Get('mandates')
  @PublicRoute()
  @ApiQuery({ name: 'includeEnded', required: false, type: Boolean })
  @ApiOkResponse({ type: [MandateDto] })
  listMandates(
    @Query('includeEnded', new ParseBoolPipe({ optional: true })) includeEnded?: boolean,
  ): Promise<MandateDto[]> {
    return this.reference.listMandates(includeEnded ?? false);
  }

  @Get('mandates/:id')
  @PublicRoute()
  @ApiOkResponse({ type: MandateDto })
  getMandate(@Param('id', ParseUUIDPipe) id: string): Promise<MandateDto> {
    return this.reference.getMandate(id);
  }

  @Post('mandates')
  @Authenticated(Role.Admin)
  @ApiCreatedResponse({ type: MandateDto })
  createMandate(@CurrentActor() actor: Actor, @Body() dto: CreateMandateDto): Promise<MandateDto> {
    return this.reference.createMandate(actor, dto);
  }

  @Patch('mandates/:id')
  @Authenticated(Role.Admin)
  @ApiOperation({ summary: 'Rename a mandate or change its publication setting' })
  @ApiOkResponse({ type: MandateDto })
  updateMandate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateMandateDto,
  ): Promise<MandateDto> {
    return this.reference.updateMandate(actor, id, dto);
  }

  @Post('mandates/:id/end')
  @Authenticated(Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MandateDto })
  endMandate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: EndMandateDto,
  ): Promise<MandateDto> {
    return this.reference.endMandate(actor, id, dto);
  }

  @Get('mandates/:id/holders')
  @PublicRoute()
  @ApiOkResponse({ type: [MandateHolderDto] })
  listHolders(@Param('id', ParseUUIDPipe) id: string): Promise<MandateHolderDto[]> {
    return this.holders.listHolders(id);
  }

  @Get('mandate-holders/:id')
  @PublicRoute()
  @ApiOkResponse({ type: MandateHolderDto })
  getHolder(@Param('id', ParseUUIDPipe) id: string): Promise<MandateHolderDto> {
    return this.holders.getHolder(id);
  }

  @Post('mandate-holders')
  @Authenticated(Role.Admin)
  @ApiCreatedResponse({ type: MandateHolderDto })
  createHolder(@CurrentActor() actor: Actor, @Body() dto: CreateMandateHolderDto): Promise<MandateHolderDto> {
    return this.holders.createHolder(actor, dto);
  }

  @Patch('mandate-holders/:id')
  @Authenticated(Role.Admin)
  @ApiOkResponse({ type: MandateHolderDto })
  renameHolder(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RenameMandateHolderDto,
  ): Promise<MandateHolderDto> {
    return this.holders.renameHolder(actor, id, dto);
  }

  @Post('mandate-holders/:id/terms')
  @Authenticated(Role.Admin)
  @ApiOperation({ summary: 'Add the next three-year term; a third term is refused (M1)' })
  @ApiCreatedResponse({ type: MandateHolderDto })
  addTerm(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AddTermDto,
  ): Promise<MandateHolderDto> {
    return this.holders.addTerm(actor, id, dto);
  }

  @Post('mandate-terms/:id/end')
  @Authenticated(Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MandateHolderDto })
  endTerm(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: EndTermDto,
  ): Promise<MandateHolderDto> {
    return this.holders.endTerm(actor, id, dto);
  }

  @Get('other-recipients')
  @PublicRoute()
  @ApiOkResponse({ type: [OtherRecipientDto] })
  listOtherRecipients(): Promise<OtherRecipientDto[]> {
    return this.reference.listOtherRecipients();
  }

  @Get('other-recipients/:id')
  @PublicRoute()
  @ApiOkResponse({ type: OtherRecipientDto })
  getOtherRecipient(@Param('id', ParseUUIDPipe) id: string): Promise<OtherRecipientDto> {
    return this.reference.getOtherRecipient(id);
  }

  @Post('other-recipients')
  @Authenticated(Role.Admin, Role.Assistant)
  @ApiOperation({ summary: 'Add a company, international organisation or other non-State recipient' })
  @ApiCreatedResponse({ type: OtherRecipientDto })
  createOtherRecipient(@CurrentActor() actor: Actor, @Body() dto: CreateOtherRecipientDto): Promise<OtherRecipientDto> {
    return this.reference.createOtherRecipient(actor, dto);
  }
}
